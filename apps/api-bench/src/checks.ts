import { Agent, request } from 'node:http';
import { startForRun, type BenchRun } from './bench-run';
import { AutocannonLoadGenerator } from './load-generator';
import { rssKiB } from './proc-stats';
import { RSS_WARMUP_TOKENS, type RunPools } from './run-pools';
import type { RunningServer, ServerTarget } from './servers';
import { median, percentChange } from './stats';

export interface ColdStartResult {
  /** JWKS documents the issuer served while the burst was answered (goal: exactly 1). */
  jwksFetches: number;
  discoveryFetches: number;
  ok: number;
  requests: number;
}

export interface RssResult {
  tokens: number;
  beforeKiB: number;
  /** After the first half of the run: growth in the second half means it is still climbing. */
  midKiB: number;
  afterKiB: number;
  peakKiB: number;
  changePercent: number;
  secondHalfChangePercent: number;
  rps: number;
  errors: number;
}

export interface ServerChecks {
  coldStart: ColdStartResult;
  rss: RssResult;
}

/**
 * The cold-start and memory checks of every server. Each starts a new process of the server,
 * fires a burst of concurrent requests (each with its own token) the moment it accepts
 * connections, counts JWKS fetches, then measures its RSS before and after a long run of
 * distinct tokens.
 */
export async function checkEachServer(
  run: BenchRun,
  pools: RunPools,
): Promise<Array<[ServerTarget, ServerChecks]>> {
  const checks: Array<[ServerTarget, ServerChecks]> = [];
  // The memory and cold-start checks need tokens: servers measured on their floor only skip them.
  for (const target of run.targets.filter((t) => t.rounds.includes('fresh'))) {
    console.log(
      `${target.label}: cold start with ${run.options.coldRequests} concurrent requests, then RSS`,
    );
    checks.push([target, await checkServer(run, target, pools)]);
  }
  return checks;
}

async function checkServer(
  run: BenchRun,
  target: ServerTarget,
  pools: RunPools,
): Promise<ServerChecks> {
  const { issuer } = run;
  const jwksBefore = issuer.count('/jwks');
  const discoveryBefore = issuer.count('/.well-known/openid-configuration');
  const server = await startForRun(run, target, { untilListening: true });
  try {
    const statuses = await burst(server, pools.coldTokens);
    const coldStart: ColdStartResult = {
      jwksFetches: issuer.count('/jwks') - jwksBefore,
      discoveryFetches: issuer.count('/.well-known/openid-configuration') - discoveryBefore,
      ok: statuses.filter((status) => status === 200).length,
      requests: statuses.length,
    };
    const rss = await rssAcrossDistinctTokens(run, server, pools);
    return { coldStart, rss };
  } finally {
    await server.stop();
  }
}

async function burst(server: RunningServer, tokens: string[]): Promise<number[]> {
  const agent = new Agent({ keepAlive: false, maxSockets: tokens.length });
  const url = new URL('/api/me', server.baseUrl);
  try {
    return await Promise.all(
      tokens.map(
        (token) =>
          new Promise<number>((resolve) => {
            const call = request(
              url,
              { agent, headers: { authorization: `Bearer ${token}` }, timeout: 30_000 },
              (response) => {
                response.resume();
                response.once('end', () => resolve(response.statusCode ?? 0));
              },
            );
            call.once('timeout', () => call.destroy());
            call.once('error', () => resolve(0));
            call.end();
          }),
      ),
    );
  } finally {
    agent.destroy();
  }
}

async function rssAcrossDistinctTokens(
  run: BenchRun,
  server: RunningServer,
  pools: RunPools,
): Promise<RssResult> {
  const pid = server.process.pid;
  // autocannon, because it can stop after an exact number of tokens.
  const loadGenerator = new AutocannonLoadGenerator();
  const send = (tokenFile: string, amount: number) =>
    loadGenerator.run({
      url: `${server.baseUrl}/api/me`,
      mode: 'fresh',
      tokenFile,
      expectStatus: 200,
      connections: run.options.connections,
      durationS: 1,
      amount,
      threads: 1,
      cpu: run.cpus.loadCpu,
    });
  // RSS is sampled under load throughout; each reading is the median of the samples in the last
  // half of a phase, so it reflects the working size rather than one point of a GC cycle.
  const phase = async (tokenFile: string, amount: number) => {
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const kib = rssKiB(pid);
      if (kib !== undefined) samples.push(kib);
    }, 100);
    try {
      const result = await send(tokenFile, amount);
      if (samples.length === 0) throw new Error(`cannot read /proc/${pid}/status`);
      return { result, samples, kib: median(samples.slice(Math.floor(samples.length / 2))) };
    } finally {
      clearInterval(sampler);
    }
  };
  // Warm up first: the heap grows to its working size on the first tens of thousands of requests.
  const warmup = await phase(pools.rssWarmupFile, RSS_WARMUP_TOKENS);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const firstHalf = await phase(pools.rssFirstHalfFile, pools.rssHalfTokens);
  const secondHalf = await phase(pools.rssSecondHalfFile, pools.rssHalfTokens);
  return {
    tokens: firstHalf.result.requests + secondHalf.result.requests,
    beforeKiB: warmup.kib,
    midKiB: firstHalf.kib,
    afterKiB: secondHalf.kib,
    peakKiB: Math.max(...firstHalf.samples, ...secondHalf.samples),
    changePercent: percentChange(warmup.kib, secondHalf.kib),
    secondHalfChangePercent: percentChange(firstHalf.kib, secondHalf.kib),
    rps: (firstHalf.result.rps + secondHalf.result.rps) / 2,
    errors: firstHalf.result.errors + secondHalf.result.errors,
  };
}
