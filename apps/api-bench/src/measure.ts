import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startForRun, type BenchRun } from './bench-run';
import { thousands } from './format';
import { cpuSeconds } from './proc-stats';
import {
  ROUND_KINDS,
  ROUNDS,
  runRound,
  warmUp,
  type RoundKind,
  type RoundSample,
  type RoundSettings,
} from './rounds';
import type { RunningServer } from './servers';

/** What the measured rounds spend, prepared before measuring. */
export interface MeasurePools {
  /** One file of never-seen tokens per repetition, so no process sees a token twice. */
  freshFiles: string[];
  /** Proofs per DPoP round; minted just before each, as a proof is accepted for 60 s only. */
  proofsPerRound: number;
}

/**
 * The measured rounds. Each block of servers is measured by processes started for it: a process
 * that sat idle (through the minting, or through the other blocks' rounds) has had V8's memory
 * reducer shrink its young generation and runs ~25 % slower for minutes (docs/benchmarks.md).
 * Within a block the round kinds are interleaved, repetition by repetition, and the block's
 * servers take their turns within each kind, so drift hits every kind and server alike.
 */
export async function measureEachServer(
  run: BenchRun,
  pools: MeasurePools,
  tempDir: string,
): Promise<RoundSample[]> {
  const { repetitions } = run.options;
  const samples: RoundSample[] = [];
  for (const block of run.blocks) {
    const servers: RunningServer[] = [];
    try {
      for (const target of block) servers.push(await startForRun(run, target));
      for (const server of servers) await warmUp(server, run.rounds);
      for (let rep = 0; rep < repetitions; rep++) {
        for (const kind of ROUND_KINDS) {
          for (const server of servers) {
            if (!server.target.rounds.includes(kind)) continue;
            const settings: RoundSettings = {
              ...run.rounds,
              freshTokenFile: pools.freshFiles[rep],
            };
            if (kind === 'dpop') {
              settings.dpopProofFile = join(tempDir, `dpop-${server.target.id}-${rep + 1}.txt`);
              await run.dpop.writeProofFile(
                settings.dpopProofFile,
                `${server.baseUrl}${ROUNDS.dpop.path}`,
                pools.proofsPerRound,
              );
            }
            samples.push(await measureRound(server, kind, rep, settings));
            if (settings.dpopProofFile !== undefined) rmSync(settings.dpopProofFile);
            console.log(`[${rep + 1}/${repetitions}] ${describe(samples[samples.length - 1])}`);
          }
        }
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  }
  for (const file of pools.freshFiles) rmSync(file);
  return samples;
}

async function measureRound(
  server: RunningServer,
  kind: RoundKind,
  rep: number,
  settings: RoundSettings,
): Promise<RoundSample> {
  const cpuBefore = cpuSeconds(server.process.pid) ?? 0;
  const result = await runRound(server, kind, settings);
  if (!server.process.isRunning())
    throw new Error(`${server.target.label} died: ${server.process.output().trim()}`);
  const serverCpuSeconds = (cpuSeconds(server.process.pid) ?? 0) - cpuBefore;
  return {
    serverId: server.target.id,
    kind,
    repetition: rep + 1,
    result,
    serverCpuPercent: (serverCpuSeconds / (result.requests / result.rps)) * 100,
    serverCpuMicrosPerRequest: (serverCpuSeconds / result.requests) * 1e6,
  };
}

function describe(sample: RoundSample): string {
  const { result } = sample;
  return (
    `${sample.serverId} · ${ROUNDS[sample.kind].title}: ${thousands(result.rps)} rps, ` +
    `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, errors ${result.errors}` +
    (result.tokenWraps > 0 ? `, TOKENS REUSED ${result.tokenWraps}×` : '') +
    `, server CPU ${Math.round(sample.serverCpuPercent)} % (${sample.serverCpuMicrosPerRequest.toFixed(1)} µs/request)`
  );
}
