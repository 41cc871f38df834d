import { Agent, request } from 'node:http';
import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { LoadGenerator } from './load-generator';
import { rssKiB, sleep } from './processes';
import { startServer, type RunningServer, type ServerTarget } from './servers';

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

export interface CheckOptions {
  issuer: TestIssuer;
  serverCpu: number | undefined;
  loadCpu: number | undefined;
  connections: number;
  loadGenerator: LoadGenerator;
  /** Distinct valid tokens, none of them seen by the process started here. */
  coldTokens: string[];
  rssWarmupFile: string;
  rssWarmupTokens: number;
  /** The distinct-token run, in two halves with an RSS sample between them. */
  rssFirstHalfFile: string;
  rssSecondHalfFile: string;
  rssHalfTokens: number;
}

/**
 * Starts a new process of the server, fires a burst of concurrent requests (each with its own
 * token) the moment it accepts connections, counts JWKS fetches, then measures its RSS before
 * and after a long run of distinct tokens.
 */
export async function runServerChecks(
  target: ServerTarget,
  options: CheckOptions,
): Promise<ServerChecks> {
  const { issuer } = options;
  const jwksBefore = issuer.count('/jwks');
  const discoveryBefore = issuer.count('/.well-known/openid-configuration');
  const server = await startServer(target, {
    issuer: issuer.issuer,
    audience: issuer.audience,
    cpu: options.serverCpu,
    untilListening: true,
  });
  try {
    const statuses = await burst(server, options.coldTokens);
    const coldStart: ColdStartResult = {
      jwksFetches: issuer.count('/jwks') - jwksBefore,
      discoveryFetches: issuer.count('/.well-known/openid-configuration') - discoveryBefore,
      ok: statuses.filter((status) => status === 200).length,
      requests: statuses.length,
    };
    const rss = await rssAcrossDistinctTokens(server, options);
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
  server: RunningServer,
  options: CheckOptions,
): Promise<RssResult> {
  const pid = server.process.pid;
  const run = (tokenFile: string, amount: number) =>
    options.loadGenerator.run({
      url: `${server.baseUrl}/api/me`,
      mode: 'fresh',
      tokenFile,
      expectStatus: 200,
      connections: options.connections,
      durationS: 1,
      amount,
      threads: 1,
      cpu: options.loadCpu,
    });
  // Warm up first: the heap grows to its working size on the first several thousand requests.
  await run(options.rssWarmupFile, options.rssWarmupTokens);
  const beforeKiB = await settledRss(pid);
  let peakKiB = beforeKiB;
  const sampler = setInterval(() => {
    peakKiB = Math.max(peakKiB, rssKiB(pid) ?? 0);
  }, 200);
  try {
    const firstHalf = await run(options.rssFirstHalfFile, options.rssHalfTokens);
    const midKiB = await settledRss(pid);
    const secondHalf = await run(options.rssSecondHalfFile, options.rssHalfTokens);
    const afterKiB = await settledRss(pid);
    peakKiB = Math.max(peakKiB, midKiB, afterKiB);
    return {
      tokens: firstHalf.requests + secondHalf.requests,
      beforeKiB,
      midKiB,
      afterKiB,
      peakKiB,
      changePercent: percent(beforeKiB, afterKiB),
      secondHalfChangePercent: percent(midKiB, afterKiB),
      rps: (firstHalf.rps + secondHalf.rps) / 2,
      errors: firstHalf.errors + secondHalf.errors,
    };
  } finally {
    clearInterval(sampler);
  }
}

function percent(from: number, to: number): number {
  return ((to - from) / from) * 100;
}

/**
 * RSS once the load has stopped: 1 s to settle, then the median of five samples 250 ms apart, so
 * every reading is taken in the same state rather than at a random point of a GC cycle.
 */
async function settledRss(pid: number): Promise<number> {
  await sleep(1000);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const kib = rssKiB(pid);
    if (kib === undefined) throw new Error(`cannot read /proc/${pid}/status`);
    samples.push(kib);
    await sleep(250);
  }
  return samples.sort((a, b) => a - b)[2];
}
