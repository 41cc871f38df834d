import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerChecks } from './checks';
import { ROUND_KINDS, ROUNDS, type RoundKind, type RoundSample } from './rounds';
import type { ServerTarget } from './servers';

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
  rpsPerRepetition: number[];
}

export interface Goal {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface RunInfo {
  date: string;
  command: string;
  cpus: number;
  cpuModel: string;
  node: string;
  kernel: string;
  loadGenerator: string;
  pinning: string;
  loadAverageBefore: string;
  loadAverageAfter: string;
  apiCommit: string;
  durationS: number;
  connections: number;
  threads: number;
  repetitions: number;
  tokensMinted: number;
  tokensPerFreshRound: number;
  /** One RS256 verification with node:crypto on this machine (best of several batches). */
  verifyMicros: number;
  /** Length of the same-token round's `Authorization: Bearer …` header line. */
  sameTokenHeaderBytes: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

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
        rpsPerRepetition: results.map((r) => r.rps),
      });
    }
  }
  return summaries;
}

/** The API's summary of one round kind (the API is always the first target). */
function apiSummary(summaries: RoundSummary[], kind: RoundKind): RoundSummary | undefined {
  return summaries.find((s) => s.target.id === 'api' && s.kind === kind);
}

export function evaluateGoals(summaries: RoundSummary[], apiChecks?: ServerChecks): Goal[] {
  const api = (kind: RoundKind) => apiSummary(summaries, kind);
  const goals: Goal[] = [];
  const same = api('same');
  const fresh = api('fresh');
  if (same) {
    goals.push({
      name: 'same token vs floor',
      target: '≥ 0.90×',
      measured: `${same.ratio.toFixed(3)}×`,
      met: same.ratio >= 0.9,
    });
  }
  if (fresh) {
    goals.push({
      name: 'fresh token vs floor',
      target: '≥ 0.45×',
      measured: `${fresh.ratio.toFixed(3)}×`,
      met: fresh.ratio >= 0.45,
    });
  }
  if (same) {
    goals.push({
      name: 'p99 (same token) vs floor p99',
      target: '≤ 2×',
      measured: `${same.p99Ratio.toFixed(2)}× (${ms(same.p99Ms)} ms)`,
      met: same.p99Ratio <= 2,
    });
  }
  if (apiChecks) {
    const cold = apiChecks.coldStart;
    goals.push({
      name: `JWKS fetches, cold start + ${cold.requests} concurrent requests`,
      target: 'exactly 1',
      measured: `${cold.jwksFetches} (${cold.ok}/${cold.requests} answered 200)`,
      met: cold.jwksFetches === 1 && cold.ok === cold.requests,
    });
    const rss = apiChecks.rss;
    goals.push({
      name: `RSS across ${rss.tokens.toLocaleString('en-US')} distinct tokens`,
      target: '±10 %',
      measured: `${signed(rss.changePercent)} % (${mib(rss.beforeKiB)} → ${mib(rss.afterKiB)} MiB)`,
      met: Math.abs(rss.changePercent) <= 10 && rss.errors === 0,
    });
  }
  return goals;
}

export function renderResults(summaries: RoundSummary[]): string {
  return markdownTable(
    [
      'server',
      'round',
      'rps',
      '× floor',
      '× API floor',
      'p50 ms',
      'p99 ms',
      'p99 × floor',
      'errors',
      'server CPU',
      'rps per repetition',
    ],
    summaries.map((s) => [
      s.target.label,
      ROUNDS[s.kind].title + (s.tokenWraps > 0 ? ` (tokens reused ${s.tokenWraps}×)` : ''),
      thousands(s.rps),
      `${s.ratio.toFixed(2)}×`,
      `${s.ratioToApiFloor.toFixed(2)}×`,
      ms(s.p50Ms),
      ms(s.p99Ms),
      `${s.p99Ratio.toFixed(2)}×`,
      String(s.errors),
      `${Math.round(s.serverCpuPercent)} %`,
      s.rpsPerRepetition.map(thousands).join(' / '),
    ]),
  );
}

export function renderChecks(checks: Array<[ServerTarget, ServerChecks]>): string {
  return markdownTable(
    [
      'server',
      'cold start: JWKS fetches',
      'discovery fetches',
      '200s',
      'RSS before MiB',
      'mid MiB',
      'after MiB',
      'peak MiB',
      'change',
      '2nd half',
      'errors',
    ],
    checks.map(([target, { coldStart, rss }]) => [
      target.label,
      String(coldStart.jwksFetches),
      String(coldStart.discoveryFetches),
      `${coldStart.ok}/${coldStart.requests}`,
      mib(rss.beforeKiB),
      mib(rss.midKiB),
      mib(rss.afterKiB),
      mib(rss.peakKiB),
      `${signed(rss.changePercent)} %`,
      `${signed(rss.secondHalfChangePercent)} %`,
      String(rss.errors),
    ]),
  );
}

export function renderGoals(goals: Goal[]): string {
  return markdownTable(
    ['goal (API)', 'target', 'measured', 'met'],
    goals.map((g) => [g.name, g.target, g.measured, g.met ? 'yes' : '**no**']),
  );
}

export function renderRunInfo(info: RunInfo): string {
  return [
    `- date: ${info.date}`,
    `- command: \`${info.command}\``,
    `- machine: ${info.cpus} CPUs, ${info.cpuModel}, Linux ${info.kernel}`,
    `- load average (1/5/15 min): ${info.loadAverageBefore} before, ${info.loadAverageAfter} after`,
    `- Node ${info.node}; API built from ${info.apiCommit}`,
    `- load: ${info.loadGenerator}, ${info.connections} connections, ${info.threads} thread(s), ${info.durationS} s per round, ${info.repetitions} interleaved repetitions; ${info.pinning}`,
    `- tokens: ${info.tokensMinted.toLocaleString('en-US')} distinct RS256 tokens minted for the run, ${info.tokensPerFreshRound.toLocaleString('en-US')} per fresh/invalid round`,
  ].join('\n');
}

export function renderReport(parts: {
  info: RunInfo;
  summaries: RoundSummary[];
  checks: Array<[ServerTarget, ServerChecks]>;
  goals: Goal[];
  preflightNotes: string[];
}): string {
  const api = (kind: RoundKind) => apiSummary(parts.summaries, kind);
  const apiFloor = api('floor');
  const carried = api('carry');
  const same = api('same');
  // Fresh-token requests pay the floor's work plus one verification on the same core.
  const ceiling = apiFloor ? 1 / (1 + parts.info.verifyMicros * 1e-6 * apiFloor.rps) : undefined;
  const notes =
    parts.preflightNotes.length === 0
      ? 'Every server answered every preflight request with the status the API uses.'
      : parts.preflightNotes.map((note) => `- ${note}`).join('\n');
  return [
    renderRunInfo(parts.info),
    '',
    '### Throughput and latency (medians of the repetitions)',
    '',
    renderResults(parts.summaries),
    '',
    '### Cold start and memory (a new process per server)',
    '',
    'JWKS/discovery fetches while the first burst of concurrent requests is answered. RSS is ' +
      'sampled every 100 ms under load: "before" is the median over the second half of a ' +
      '50,000-token warm-up, "mid" and "after" over the second half of each half of the ' +
      'distinct-token run; peak is the highest sample of the run.',
    '',
    renderChecks(parts.checks),
    '',
    '### Goals',
    '',
    renderGoals(parts.goals),
    '',
    ...(ceiling === undefined
      ? []
      : [
          `Crypto ceiling for the fresh-token ratio on this machine: 1 / (1 + ${parts.info.verifyMicros.toFixed(1)} µs per ` +
            `RS256 verification × ${Math.round(apiFloor?.rps ?? 0).toLocaleString('en-US')} floor rps) = ` +
            `${ceiling.toFixed(2)}×.`,
          '',
        ]),
    ...(apiFloor === undefined || carried === undefined || same === undefined
      ? []
      : [
          `The token's bytes alone: \`/healthz\` carrying the same-token round's Authorization ` +
            `header (${parts.info.sameTokenHeaderBytes.toLocaleString('en-US')} bytes) reached ${carried.ratio.toFixed(2)}× the floor, ` +
            `${micros(apiFloor.rps, carried.rps)} µs more per request before any verification; the ` +
            `same-token round reached ${(same.rps / carried.rps).toFixed(2)}× of that ` +
            `(${micros(carried.rps, same.rps)} µs for the cache lookup, group policy and the \`/me\` answer with its headers).`,
          '',
        ]),
    '### Preflight: rejections answered differently from the API',
    '',
    notes,
  ].join('\n');
}

const START = '<!-- api-bench:results:start -->';
const END = '<!-- api-bench:results:end -->';

/** Replaces the generated section of docs/benchmarks.md; the prose around it is kept. */
export function writeBenchmarksDoc(path: string, report: string): void {
  const generated = `${START}\n\n${report}\n\n${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + generated + current.slice(end + END.length)
      : `${current.trimEnd() || '# API benchmarks'}\n\n## Latest results\n\n${generated}\n`;
  writeFileSync(path, next);
}

function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Extra CPU time per request implied by going from `fromRps` to `toRps` on a saturated core. */
function micros(fromRps: number, toRps: number): string {
  return ((1 / toRps - 1 / fromRps) * 1e6).toFixed(2);
}

function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function mib(kib: number): string {
  return (kib / 1024).toFixed(1);
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}
