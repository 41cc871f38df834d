import { join } from 'node:path';
import { startProcess } from '@oracle-ai/shared/testing-node-process';
import { hasCommand, pinnedTo } from './cpu-plan';
import { BENCH_DIST, WRK_SCRIPT } from './paths';

/**
 * What a round sends. `plain`: no credentials; `same`: one token; `fresh`: the next unused token
 * from `tokenFile` on every request; `invalid`: the same, with a tampered signature; `dpop`: the
 * file's first line as `Authorization: DPoP`, and the next unused proof of the others as `DPoP`.
 */
export type LoadMode = 'plain' | 'same' | 'fresh' | 'invalid' | 'dpop';

export interface LoadSpec {
  url: string;
  mode: LoadMode;
  tokenFile?: string;
  expectStatus: number;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  durationS: number;
  /** Stop after exactly this many responses (autocannon only). */
  amount?: number;
  threads: number;
  /** CPU to pin the load generator to. */
  cpu?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and responses with another status than expected. */
  errors: number;
  /** How many times a fresh/invalid round ran out of tokens and started reusing them. */
  tokenWraps: number;
}

export interface LoadGenerator {
  readonly name: 'wrk' | 'autocannon';
  run(spec: LoadSpec): Promise<LoadResult>;
}

interface BenchJson {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  socketErrors: number;
  statusErrors: number;
  unexpectedStatus: number;
  tokenWraps: number;
}

/** Grace on top of the round's duration before a stuck load generator is killed. */
const RUN_GRACE_MS = 120_000;

export function parseBenchJson(output: string): BenchJson {
  const line = output.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (line === undefined) throw new Error(`load generator printed no result:\n${output.trim()}`);
  return JSON.parse(line.slice('BENCH_JSON '.length)) as BenchJson;
}

function toResult(json: BenchJson, mode: LoadMode): LoadResult {
  // wrk counts every status >= 400 as an error, so the invalid round counts mismatches itself.
  const statusErrors = mode === 'invalid' ? json.unexpectedStatus : json.statusErrors;
  return {
    requests: json.requests,
    rps: json.requests / (json.durationUs / 1e6),
    p50Ms: json.p50Us / 1000,
    p99Ms: json.p99Us / 1000,
    errors: json.socketErrors + statusErrors,
    tokenWraps: json.tokenWraps,
  };
}

/** Runs a load generator to its end, stopping it once `budgetMs` is spent. */
async function runToCompletion(
  command: string,
  args: string[],
  cpu: number | undefined,
  budgetMs: number,
): Promise<{ code: number | null; output: string }> {
  const child = await startProcess(command, args, { wrapCommand: pinnedTo(cpu) });
  const timer = setTimeout(() => void child.stop(), budgetMs);
  const code = await child.exited;
  clearTimeout(timer);
  return { code, output: child.output() };
}

export class WrkLoadGenerator implements LoadGenerator {
  readonly name = 'wrk';

  async run(spec: LoadSpec): Promise<LoadResult> {
    if (spec.amount !== undefined) throw new Error('wrk runs for a duration, not an amount');
    const args = [
      `-t${spec.threads}`,
      `-c${spec.connections}`,
      `-d${spec.durationS}s`,
      '-s',
      WRK_SCRIPT,
      spec.url,
      '--',
      spec.mode,
      spec.tokenFile ?? '-',
      String(spec.threads),
      String(spec.expectStatus),
    ];
    const budgetMs = spec.durationS * 1000 + RUN_GRACE_MS;
    const { code, output } = await runToCompletion('wrk', args, spec.cpu, budgetMs);
    if (code !== 0) throw new Error(`wrk exited with ${code}:\n${output.trim()}`);
    return toResult(parseBenchJson(output), spec.mode);
  }
}

/** autocannon in its own (pinned) process, so it never competes with the server's core. */
export class AutocannonLoadGenerator implements LoadGenerator {
  readonly name = 'autocannon';

  async run(spec: LoadSpec): Promise<LoadResult> {
    const runner = join(BENCH_DIST, 'autocannon-runner.js');
    const args = [runner, JSON.stringify(spec)];
    const budgetMs = spec.amount !== undefined ? 600_000 : spec.durationS * 1000 + RUN_GRACE_MS;
    const { code, output } = await runToCompletion(process.execPath, args, spec.cpu, budgetMs);
    if (code !== 0) throw new Error(`autocannon runner exited with ${code}:\n${output.trim()}`);
    return toResult(parseBenchJson(output), spec.mode);
  }
}

export function chooseLoadGenerator(preference: 'auto' | 'wrk' | 'autocannon'): LoadGenerator {
  if (preference === 'autocannon') return new AutocannonLoadGenerator();
  if (preference === 'wrk' || hasCommand('wrk')) {
    if (!hasCommand('wrk')) throw new Error('--load-generator wrk: wrk is not on PATH');
    return new WrkLoadGenerator();
  }
  return new AutocannonLoadGenerator();
}
