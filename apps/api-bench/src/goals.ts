import type { ChatRoundResult } from './chat/chat-round';
import type { ServerChecks } from './checks';
import { markdownTable, mib, ms, signed, thousands } from './format';
import { DEFAULT_OPTIONS } from './options';
import type { RoundKind } from './rounds';
import type { RunInfo } from './run-info';
import { apiSummary, bareFloorSummary, cryptoCeiling, type RoundSummary } from './stats';

/** A goal's bound: how the report and docs/benchmarks.md write it, and whether a value meets it. */
interface Threshold {
  text: string;
  holds(value: number): boolean;
}

const atLeastTimes = (min: number): Threshold => ({
  text: `≥ ${min.toFixed(2)}×`,
  holds: (value) => value >= min,
});
const atMost = (max: number, unit: string): Threshold => ({
  text: `≤ ${max} ${unit}`,
  holds: (value) => value <= max,
});
const atMostTimes = (max: number): Threshold => ({
  text: `≤ ${max}×`,
  holds: (value) => value <= max,
});
const exactly = (count: number): Threshold => ({
  text: `exactly ${count}`,
  holds: (value) => value === count,
});
const withinPercent = (percent: number): Threshold => ({
  text: `±${percent} %`,
  holds: (value) => Math.abs(value) <= percent,
});

/** What the API's goals are measured on: its round summaries, its checks, this machine's crypto. */
export interface GoalInputs {
  summaries: RoundSummary[];
  apiChecks?: ServerChecks;
  info?: Pick<RunInfo, 'verifyMicros' | 'proofVerifyMicros'>;
  chat?: ChatRoundResult;
}

interface Measurement {
  /** The report's row name; may name this run's own numbers. */
  name: string;
  value: number;
  shown: string;
  /** False when the measurement itself went wrong (errors), which fails the goal whatever the value. */
  clean: boolean;
}

interface GoalDefinition {
  /** The goal as docs/benchmarks.md states it, for the default options. */
  description: string;
  threshold: Threshold;
  /** This run's measurement, or undefined when the run did not measure it. */
  measure(inputs: GoalInputs): Measurement | undefined;
}

const api = (inputs: GoalInputs, kind: RoundKind) => apiSummary(inputs.summaries, kind);

/**
 * The API's performance goals: the one place their thresholds are written. Each is a ratio inside
 * one run, against a yardstick of the same run, so a faster or slower machine moves both sides.
 */
export const GOALS: readonly GoalDefinition[] = [
  {
    description: "floor parity: the API's `/healthz` vs a bare Fastify `/healthz` in the same run",
    threshold: atLeastTimes(0.97),
    measure: (inputs) => {
      const floor = api(inputs, 'floor');
      const bare = bareFloorSummary(inputs.summaries);
      return floor && bare && ratio('API floor vs bare Fastify floor', floor.rps / bare.rps);
    },
  },
  {
    description:
      "seen token (the SPA case): `/api/me` with one token vs the API's own token-carried `/healthz` round",
    threshold: atLeastTimes(0.97),
    measure: (inputs) => {
      const same = api(inputs, 'same');
      const carried = api(inputs, 'carry');
      return same && carried && ratio('same token vs token carried', same.rps / carried.rps);
    },
  },
  {
    description:
      'never-seen token: the fresh-token ratio to the floor as a fraction of the in-run crypto ceiling 1 / (1 + t(RS256) × floor rps)',
    threshold: atLeastTimes(0.65),
    measure: (inputs) => ofCeiling(inputs, 'fresh', inputs.info?.verifyMicros, 'fresh token'),
  },
  {
    description:
      'DPoP (a fresh proof per request, one token): its ratio to the floor as a fraction of its in-run ceiling 1 / (1 + t(ES256) × floor rps)',
    threshold: atLeastTimes(0.7),
    measure: (inputs) => ofCeiling(inputs, 'dpop', inputs.info?.proofVerifyMicros, 'DPoP'),
  },
  {
    description: `p99 latency at ${DEFAULT_OPTIONS.connections} connections (same token) vs the floor's p99`,
    threshold: atMostTimes(2),
    measure: (inputs) => {
      const same = api(inputs, 'same');
      return (
        same && {
          name: 'p99 (same token) vs floor p99',
          value: same.p99Ratio,
          shown: `${same.p99Ratio.toFixed(2)}× (${ms(same.p99Ms)} ms)`,
          clean: true,
        }
      );
    },
  },
  {
    description: `JWKS fetches for a cold start under ${DEFAULT_OPTIONS.coldRequests} concurrent requests`,
    threshold: exactly(1),
    measure: ({ apiChecks }) => {
      const cold = apiChecks?.coldStart;
      return (
        cold && {
          name: `JWKS fetches, cold start + ${cold.requests} concurrent requests`,
          value: cold.jwksFetches,
          shown: `${cold.jwksFetches} (${cold.ok}/${cold.requests} answered 200)`,
          clean: cold.ok === cold.requests,
        }
      );
    },
  },
  {
    description: `RSS across ${thousands(DEFAULT_OPTIONS.rssTokens)} distinct tokens`,
    threshold: withinPercent(10),
    measure: ({ apiChecks }) => {
      const rss = apiChecks?.rss;
      return (
        rss && {
          name: `RSS across ${thousands(rss.tokens)} distinct tokens`,
          value: rss.changePercent,
          shown: `${signed(rss.changePercent)} % (${mib(rss.beforeKiB)} → ${mib(rss.afterKiB)} MiB)`,
          clean: rss.errors === 0,
        }
      );
    },
  },
  {
    description:
      "assistant: the API's added time to first token, median, over calling the model server directly",
    threshold: atMost(2, 'ms'),
    measure: ({ chat }) => {
      const firstToken = chat?.firstToken;
      return (
        firstToken && {
          name: 'assistant: added time to first token (median)',
          value: firstToken.addedMs,
          shown: `${ms(firstToken.addedMs)} ms (${ms(firstToken.apiMs)} vs ${ms(firstToken.directMs)} ms)`,
          clean: firstToken.errors === 0,
        }
      );
    },
  },
  {
    description: 'assistant: chunks per second of one stream through the API vs directly',
    threshold: atLeastTimes(0.9),
    measure: ({ chat }) => {
      const throughput = chat?.throughput;
      return (
        throughput && {
          ...ratio('assistant: chunks per second, API vs direct', throughput.ratio),
          clean: throughput.errors === 0,
        }
      );
    },
  },
  {
    description: `assistant: RSS per open stream, ${thousands(DEFAULT_OPTIONS.chatStreams)} streams open at once on one instance, none refused`,
    threshold: atMost(50, 'KiB'),
    measure: ({ chat }) => {
      const open = chat?.openStreams;
      return (
        open && {
          name: `assistant: RSS per open stream, ${thousands(open.streams)} at once`,
          value: open.perStreamKiB,
          shown: `${open.perStreamKiB.toFixed(1)} KiB (${open.open}/${open.streams} open, ${open.serverErrors} 5xx)`,
          clean: open.open === open.streams,
        }
      );
    },
  },
];

/** A round's ratio to the floor over what one signature check per request leaves possible. */
function ofCeiling(
  inputs: GoalInputs,
  kind: RoundKind,
  signatureMicros: number | undefined,
  name: string,
): Measurement | undefined {
  const round = api(inputs, kind);
  const floor = api(inputs, 'floor');
  if (round === undefined || floor === undefined || signatureMicros === undefined) return undefined;
  const ceiling = cryptoCeiling(floor.rps, signatureMicros * 1e-6);
  const measured = ratio(`${name} vs its crypto ceiling`, round.ratio / ceiling);
  return {
    ...measured,
    shown: `${measured.shown} (${round.ratio.toFixed(3)}× of ${ceiling.toFixed(3)}×)`,
  };
}

function ratio(name: string, value: number): Measurement {
  // Three decimals, so a 0.896× miss does not read as 0.90×.
  return { name, value, shown: `${value.toFixed(3)}×`, clean: true };
}

/** A goal as this run measured it. */
export interface GoalResult {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

/** Every goal this run measured, in the order of `GOALS`. */
export function evaluateGoals(inputs: GoalInputs, goals = GOALS): GoalResult[] {
  return goals.flatMap((goal) => {
    const measurement = goal.measure(inputs);
    if (measurement === undefined) return [];
    return [
      {
        name: measurement.name,
        target: goal.threshold.text,
        measured: measurement.shown,
        met: measurement.clean && goal.threshold.holds(measurement.value),
      },
    ];
  });
}

/** The report's table of this run's goals. */
export function renderGoalResults(results: GoalResult[]): string {
  return markdownTable(
    ['goal (API)', 'target', 'measured', 'met'],
    results.map((g) => [g.name, g.target, g.measured, g.met ? 'yes' : '**no**']),
  );
}

/** docs/benchmarks.md's table of the goals themselves. */
export function renderGoalDefinitions(goals = GOALS): string {
  return markdownTable(
    ['goal', 'target'],
    goals.map((goal) => [goal.description, goal.threshold.text]),
  );
}
