import { Agent, request } from 'node:http';
import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { LoadGenerator } from './load-generator';
import { rssKiB, sleep } from './processes';
import { median } from './report';
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
  // RSS is sampled under load throughout; each reading is the median of the samples in the last
  // half of a phase, so it reflects the working size rather than one point of a GC cycle.
  const phase = async (tokenFile: string, amount: number) => {
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const kib = rssKiB(pid);
      if (kib !== undefined) samples.push(kib);
    }, 100);
    try {
      const result = await run(tokenFile, amount);
      if (samples.length === 0) throw new Error(`cannot read /proc/${pid}/status`);
      return { result, samples, kib: median(samples.slice(Math.floor(samples.length / 2))) };
    } finally {
      clearInterval(sampler);
    }
  };
  // Warm up first: the heap grows to its working size on the first tens of thousands of requests.
  const warmup = await phase(options.rssWarmupFile, options.rssWarmupTokens);
  await sleep(500);
  const firstHalf = await phase(options.rssFirstHalfFile, options.rssHalfTokens);
  const secondHalf = await phase(options.rssSecondHalfFile, options.rssHalfTokens);
  return {
    tokens: firstHalf.result.requests + secondHalf.result.requests,
    beforeKiB: warmup.kib,
    midKiB: firstHalf.kib,
    afterKiB: secondHalf.kib,
    peakKiB: Math.max(...firstHalf.samples, ...secondHalf.samples),
    changePercent: percent(warmup.kib, secondHalf.kib),
    secondHalfChangePercent: percent(firstHalf.kib, secondHalf.kib),
    rps: (firstHalf.result.rps + secondHalf.result.rps) / 2,
    errors: firstHalf.result.errors + secondHalf.result.errors,
  };
}

function percent(from: number, to: number): number {
  return ((to - from) / from) * 100;
}
