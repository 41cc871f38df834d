import { rmSync } from 'node:fs';
import { startForRun, type BenchRun } from './bench-run';
import { thousands } from './format';
import type { LoadResult } from './load-generator';
import { cpuSeconds } from './proc-stats';
import { ROUND_KINDS, ROUNDS, runRound, warmUp, type RoundSample } from './rounds';

/**
 * The measured rounds. Each server is measured in one block, by a process started for it: a
 * process that sat idle (through the minting, or through the other servers' rounds) has had V8's
 * memory reducer shrink its young generation and runs ~25 % slower for minutes
 * (docs/benchmarks.md). Within the block the round kinds are interleaved, repetition by repetition.
 */
export async function measureEachServer(
  run: BenchRun,
  freshFiles: string[],
): Promise<RoundSample[]> {
  const { repetitions } = run.options;
  const samples: RoundSample[] = [];
  for (const target of run.targets) {
    const server = await startForRun(run, target);
    try {
      await warmUp(server, run.rounds);
      for (let rep = 0; rep < repetitions; rep++) {
        for (const kind of ROUND_KINDS) {
          const cpuBefore = cpuSeconds(server.process.pid) ?? 0;
          const result = await runRound(server, kind, {
            ...run.rounds,
            freshTokenFile: freshFiles[rep],
          });
          if (!server.process.isRunning())
            throw new Error(`${target.label} died: ${server.process.output().trim()}`);
          const serverCpuSeconds = (cpuSeconds(server.process.pid) ?? 0) - cpuBefore;
          const serverCpuPercent = (serverCpuSeconds / (result.requests / result.rps)) * 100;
          samples.push({
            serverId: target.id,
            kind,
            repetition: rep + 1,
            result,
            serverCpuPercent,
          });
          console.log(
            `[${rep + 1}/${repetitions}] ${target.label} · ${ROUNDS[kind].title}: ` +
              `${describe(result)}, server CPU ${Math.round(serverCpuPercent)} %`,
          );
        }
      }
    } finally {
      await server.stop();
    }
  }
  for (const file of freshFiles) rmSync(file);
  return samples;
}

function describe(result: LoadResult): string {
  return (
    `${thousands(result.rps)} rps, p50 ${result.p50Ms.toFixed(2)} ms, ` +
    `p99 ${result.p99Ms.toFixed(2)} ms, errors ${result.errors}` +
    (result.tokenWraps > 0 ? `, TOKENS REUSED ${result.tokenWraps}×` : '')
  );
}
