import { rmSync } from 'node:fs';
import { startForRun, type BenchRun } from './bench-run';
import { thousands } from './format';
import {
  calibrationPoolSize,
  ceilingRps,
  freshPoolSize,
  measureVerifySeconds,
} from './pool-sizing';
import { mintRejectedTokens, preflight } from './preflight';
import { runRound, warmUp, WARMUP_S } from './rounds';
import type { RunningServer } from './servers';

export interface FirstPass {
  /** Rejections some server answered with another status than the API. */
  preflightNotes: string[];
  verifySeconds: number;
  tokensPerFreshRound: number;
}

/**
 * Every server once, before any measuring: the preflight, a warm-up, and a short calibration of
 * how fast distinct tokens go, from which the fresh/invalid pools are sized (a round that still
 * runs out reports the reuse). These processes are stopped at the end: measuring uses new ones.
 */
export async function firstPass(run: BenchRun, sameToken: string): Promise<FirstPass> {
  const servers: RunningServer[] = [];
  try {
    for (const target of run.targets) servers.push(await startForRun(run, target));
    const rejected = await mintRejectedTokens(run.issuer);
    const preflightNotes: string[] = [];
    for (const server of servers)
      preflightNotes.push(...(await preflight(server, sameToken, rejected)));
    for (const note of preflightNotes) console.log(`note: ${note}`);

    console.log(`warming up (${WARMUP_S} s floor + ${WARMUP_S} s same token per server)`);
    let bestFloorRps = 0;
    for (const server of servers) {
      bestFloorRps = Math.max(bestFloorRps, (await warmUp(server, run.rounds)).rps);
    }

    const verifySeconds = measureVerifySeconds(sameToken, run.issuer);
    const ceiling = ceilingRps(bestFloorRps, verifySeconds);
    const calibrationFile = await run.tokens.file('calibration.txt', calibrationPoolSize(ceiling));
    let distinctRps = 0;
    for (const server of servers) {
      for (const kind of ['fresh', 'invalid'] as const) {
        const settings = { ...run.rounds, freshTokenFile: calibrationFile };
        distinctRps = Math.max(distinctRps, (await runRound(server, kind, settings, WARMUP_S)).rps);
      }
    }
    rmSync(calibrationFile);
    const tokensPerFreshRound = freshPoolSize(ceiling, distinctRps, run.options.durationS);
    console.log(
      `RS256 verify here: ${(verifySeconds * 1e6).toFixed(1)} µs; distinct tokens went at ` +
        `≤ ${thousands(distinctRps)} rps in calibration: minting ` +
        `${thousands(tokensPerFreshRound)} per fresh round and the memory-check tokens`,
    );
    return { preflightNotes, verifySeconds, tokensPerFreshRound };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
