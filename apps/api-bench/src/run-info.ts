import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release } from 'node:os';
import type { BenchRun } from './bench-run';
import type { FirstPass } from './first-pass';
import type { LoadGenerator } from './load-generator';
import { WORKSPACE_ROOT } from './paths';

/** The machine and the run, as the report's header states them. */
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
  /** One ES256 DPoP proof verification, likewise. */
  proofVerifyMicros: number;
  proofsPerDpopRound: number;
  /** Length of the same-token round's `Authorization: Bearer …` header line. */
  sameTokenHeaderBytes: number;
}

/** What must be read before the run: the machine's CPUs and load, what the API was built from. */
export interface BeforeRun {
  /** Before the harness pins itself to one CPU, which would make it see only that one. */
  cpus: number;
  loadAverage: string;
  /** Read first: the API under test is the build made just before this run started. */
  apiCommit: string;
}

export function readBeforeRun(): BeforeRun {
  return { cpus: availableParallelism(), loadAverage: loadAverage(), apiCommit: apiCommit() };
}

export function collectRunInfo(
  run: BenchRun,
  parts: { argv: string[]; before: BeforeRun; firstPass: FirstPass; sameToken: string },
): RunInfo {
  const { options } = run;
  const { argv, before, firstPass, sameToken } = parts;
  return {
    date: new Date().toISOString(),
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    cpus: before.cpus,
    cpuModel: cpuModel(),
    node: process.version,
    kernel: release(),
    loadGenerator: describeLoadGenerator(run.rounds.loadGenerator),
    pinning: run.cpus.pinned
      ? 'server pinned to CPU 0, load generator to CPU 1 (taskset)'
      : 'no pinning',
    loadAverageBefore: before.loadAverage,
    loadAverageAfter: loadAverage(),
    apiCommit: before.apiCommit,
    durationS: options.durationS,
    connections: options.connections,
    threads: options.threads,
    repetitions: options.repetitions,
    tokensMinted: run.tokens.minted,
    tokensPerFreshRound: firstPass.tokensPerFreshRound,
    verifyMicros: firstPass.verifySeconds * 1e6,
    proofVerifyMicros: firstPass.proofVerifySeconds * 1e6,
    proofsPerDpopRound: firstPass.proofsPerRound,
    sameTokenHeaderBytes: `Authorization: Bearer ${sameToken}`.length,
  };
}

/** 1/5/15-minute load averages: other work on the machine shows up here. */
function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return match ? match[1].trim() : 'unknown CPU';
}

function describeLoadGenerator(generator: LoadGenerator): string {
  if (generator.name === 'wrk') {
    // `wrk -v` prints its version, then usage, and exits 1.
    const { stdout } = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
    return /wrk \S+/.exec(stdout)?.[0] ?? 'wrk';
  }
  return 'autocannon';
}

function apiCommit(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'apps/api', 'libs/api') !== '';
    return `\`${git('rev-parse', '--short', 'HEAD')}\`${dirty ? ' + uncommitted API changes' : ''}`;
  } catch {
    return 'an unknown commit';
  }
}
