/**
 * Child-process entry: runs one autocannon round from a JSON `LoadSpec` (argv[2]) and prints
 * `BENCH_JSON {...}` in the same shape as bench.lua, so both load generators report alike.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadSpec } from './load-generator';
import { tamperSignature } from './token-pool';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
  const tokens =
    spec.tokenFile === undefined || spec.mode === 'plain'
      ? []
      : readFileSync(spec.tokenFile, 'utf8').split('\n').filter(Boolean);
  if (spec.mode === 'invalid') tokens.forEach((t, i) => (tokens[i] = tamperSignature(t)));
  // The DPoP round's file: the bound token, then one proof per request.
  const dpopToken = spec.mode === 'dpop' ? tokens.shift() : undefined;

  let next = 0;
  let wraps = 0;
  const nextToken = (): string => {
    if (next === tokens.length) {
      next = 0;
      wraps++;
    }
    return tokens[next++];
  };

  const dynamic = spec.mode === 'fresh' || spec.mode === 'invalid' || spec.mode === 'dpop';
  const credentials = (): Record<string, string> =>
    dpopToken === undefined
      ? { authorization: `Bearer ${nextToken()}` }
      : { authorization: `DPoP ${dpopToken}`, dpop: nextToken() };
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationS }),
    ...(spec.mode === 'same' && { headers: { authorization: `Bearer ${tokens[0]}` } }),
    ...(dynamic && {
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, ...credentials() },
          }),
        },
      ],
    }),
  });

  const expected = result.statusCodeStats[String(spec.expectStatus)]?.count ?? 0;
  const answered = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
  console.log(
    `BENCH_JSON ${JSON.stringify({
      requests: result.requests.total,
      durationUs: Math.round(result.duration * 1e6),
      p50Us: Math.round(result.latency.p50 * 1000),
      p99Us: Math.round(result.latency.p99 * 1000),
      socketErrors: result.errors, // autocannon counts timeouts as errors too
      statusErrors: answered - expected,
      unexpectedStatus: answered - expected,
      tokenWraps: wraps,
    })}`,
  );
}

main().catch((error: unknown) => {
  console.error(`autocannon runner: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
