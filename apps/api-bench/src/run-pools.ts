import type { BenchRun } from './bench-run';
import { thousands } from './format';

/** Tokens of the memory check's warm-up: the heap grows to its working size on the first tens of thousands. */
export const RSS_WARMUP_TOKENS = 50_000;

/** Every token the measured rounds and the checks use, none of them seen by a server yet. */
export interface RunPools {
  /** One file per repetition, so no process sees a token twice. */
  freshFiles: string[];
  /** Distinct tokens for the cold-start burst. */
  coldTokens: string[];
  rssWarmupFile: string;
  /** The memory check's distinct-token run, in two halves with an RSS sample between them. */
  rssFirstHalfFile: string;
  rssSecondHalfFile: string;
  rssHalfTokens: number;
}

export async function mintRunPools(run: BenchRun, tokensPerFreshRound: number): Promise<RunPools> {
  const started = Date.now();
  const mintedBefore = run.tokens.minted;
  const freshFiles: string[] = [];
  for (let rep = 0; rep < run.options.repetitions; rep++)
    freshFiles.push(await run.tokens.file(`fresh-${rep + 1}.txt`, tokensPerFreshRound));
  const coldTokens = await run.tokens.inMemory(run.options.coldRequests);
  const rssHalfTokens = Math.ceil(run.options.rssTokens / 2);
  const pools: RunPools = {
    freshFiles,
    coldTokens,
    rssWarmupFile: await run.tokens.file('rss-warmup.txt', RSS_WARMUP_TOKENS),
    rssFirstHalfFile: await run.tokens.file('rss-first-half.txt', rssHalfTokens),
    rssSecondHalfFile: await run.tokens.file('rss-second-half.txt', rssHalfTokens),
    rssHalfTokens,
  };
  console.log(
    `minted ${thousands(run.tokens.minted - mintedBefore)} tokens in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return pools;
}
