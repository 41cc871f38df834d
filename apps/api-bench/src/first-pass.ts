import { rmSync } from 'node:fs';
import { startForRun, type BenchRun } from './bench-run';
import { thousands } from './format';
import {
  calibrationPoolSize,
  ceilingRps,
  freshPoolSize,
  measureVerifySeconds,
  proofPoolSize,
} from './pool-sizing';
import { mintRejectedTokens, preflight } from './preflight';
import { runRound, warmUp, WARMUP_S } from './rounds';
import type { RunningServer } from './servers';

export interface FirstPass {
  /** Rejections some server answered with another status than the API. */
  preflightNotes: string[];
  /** One RS256 token verification with node:crypto here. */
  verifySeconds: number;
  /** One ES256 DPoP proof verification with node:crypto here. */
  proofVerifySeconds: number;
  tokensPerFreshRound: number;
  proofsPerRound: number;
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
      preflightNotes.push(...(await preflight(server, sameToken, rejected, run.dpop)));
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
    for (const server of servers.filter((s) => s.target.rounds.includes('fresh'))) {
      for (const kind of ['fresh', 'invalid'] as const) {
        const settings = { ...run.rounds, freshTokenFile: calibrationFile };
        distinctRps = Math.max(distinctRps, (await runRound(server, kind, settings, WARMUP_S)).rps);
      }
    }
    rmSync(calibrationFile);
    const tokensPerFreshRound = freshPoolSize(ceiling, distinctRps, run.options.durationS);
    const proofVerifySeconds = run.dpop.verifySeconds();
    // Every DPoP request pays a floor request and a proof verification at least.
    const proofsPerRound = proofPoolSize(
      ceilingRps(bestFloorRps, proofVerifySeconds),
      run.options.durationS,
    );
    console.log(
      `RS256 verify here: ${(verifySeconds * 1e6).toFixed(1)} µs, ES256 proof verify ` +
        `${(proofVerifySeconds * 1e6).toFixed(1)} µs; distinct tokens went at ` +
        `≤ ${thousands(distinctRps)} rps in calibration: minting ` +
        `${thousands(tokensPerFreshRound)} per fresh round and the memory-check tokens; ` +
        `${thousands(proofsPerRound)} proofs before each DPoP round`,
    );
    return {
      preflightNotes,
      verifySeconds,
      proofVerifySeconds,
      tokensPerFreshRound,
      proofsPerRound,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
