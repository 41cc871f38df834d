import { ROUND_KINDS, type RoundKind, type RoundSample } from './rounds';
import type { ServerTarget } from './servers';

/** One server's medians over the repetitions of one round kind. */
export interface RoundSummary {
  target: ServerTarget;
  kind: RoundKind;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** rps relative to the same process's floor (unauthenticated /healthz). */
  ratio: number;
  /** rps relative to the API's floor: every server against one yardstick. */
  ratioToApiFloor: number;
  p99Ratio: number;
  errors: number;
  tokenWraps: number;
  serverCpuPercent: number;
  /** Server CPU µs per answered request (median of the repetitions). */
  serverCpuMicrosPerRequest: number;
  rpsPerRepetition: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Change from `from` to `to`, in percent of `from`. */
export function percentChange(from: number, to: number): number {
  return ((to - from) / from) * 100;
}

/** Per server (in `targets` order, the API first) and round kind, the medians of its samples. */
export function summarize(samples: RoundSample[], targets: ServerTarget[]): RoundSummary[] {
  const samplesOf = (serverId: string, kind: RoundKind) =>
    samples.filter((s) => s.serverId === serverId && s.kind === kind);
  const of = (serverId: string, kind: RoundKind) => samplesOf(serverId, kind).map((s) => s.result);
  const apiFloor = median(of(targets[0].id, 'floor').map((r) => r.rps));
  const summaries: RoundSummary[] = [];
  for (const target of targets) {
    const floor = of(target.id, 'floor');
    const floorRps = median(floor.map((r) => r.rps));
    const floorP99 = median(floor.map((r) => r.p99Ms));
    for (const kind of ROUND_KINDS) {
      const results = of(target.id, kind);
      if (results.length === 0) continue;
      const rps = median(results.map((r) => r.rps));
      const p99Ms = median(results.map((r) => r.p99Ms));
      summaries.push({
        target,
        kind,
        rps,
        p50Ms: median(results.map((r) => r.p50Ms)),
        p99Ms,
        ratio: rps / floorRps,
        ratioToApiFloor: rps / apiFloor,
        p99Ratio: p99Ms / floorP99,
        errors: results.reduce((sum, r) => sum + r.errors, 0),
        tokenWraps: results.reduce((sum, r) => sum + r.tokenWraps, 0),
        serverCpuPercent: median(samplesOf(target.id, kind).map((s) => s.serverCpuPercent)),
        serverCpuMicrosPerRequest: median(
          samplesOf(target.id, kind).map((s) => s.serverCpuMicrosPerRequest),
        ),
        rpsPerRepetition: results.map((r) => r.rps),
      });
    }
  }
  return summaries;
}

/** The API's summary of one round kind. */
export function apiSummary(summaries: RoundSummary[], kind: RoundKind): RoundSummary | undefined {
  return summaries.find((s) => s.target.id === 'api' && s.kind === kind);
}

/** The bare-Fastify yardstick's floor, measured in the API's block. */
export function bareFloorSummary(summaries: RoundSummary[]): RoundSummary | undefined {
  return summaries.find((s) => s.target.id === 'bare' && s.kind === 'floor');
}

/**
 * The most a round can reach relative to the floor when each of its requests also pays `extraS`
 * of work on the same core (a signature check): 1 / (1 + extra × floor rps).
 */
export function cryptoCeiling(floorRps: number, extraS: number): number {
  return 1 / (1 + extraS * floorRps);
}
