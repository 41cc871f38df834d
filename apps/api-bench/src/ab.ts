/**
 * `npm run bench:ab -- <a/main.js> <b/main.js>`: two builds of the API compared **at the same time
 * on the same core** (CPU 0), each driven by its own wrk (on CPU 1), so the kernel splits the core
 * between them and their request rates stand in the inverse ratio of their costs. This VM's noise
 * between consecutive rounds (±15 %) then cancels out; `<a> <a>` measures the method's own spread.
 * Every round starts fresh processes. Kinds: `same` (one token, /api/me), `fresh` (a never-seen
 * RS256 token per request), `dpop` (one bound token, a never-seen ES256 proof per request),
 * `floor` (`/healthz` without a token: what sits in front of every route).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { createTempDir, installCleanupHandlers, removeTempDir } from './cleanup';
import { pinHarnessToLoadCpu, planCpus } from './cpu-plan';
import { DpopClient } from './dpop-proof-pool';
import { WrkLoadGenerator, type LoadMode, type LoadResult } from './load-generator';
import { startServer } from './servers';
import { median } from './stats';
import { mintTokenFile, writeTokenFile } from './token-pool';

const KINDS = ['same', 'fresh', 'dpop', 'floor'] as const;
type Kind = (typeof KINDS)[number];

/** Both servers take proofs for this URL (the load generators address each by its own port). */
const PUBLIC_URL = 'http://127.0.0.1:9';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '6' },
      duration: { type: 'string', default: '6' },
      connections: { type: 'string', default: '25' },
      kinds: { type: 'string', default: KINDS.join(',') },
    },
  });
  if (positionals.length !== 2)
    throw new Error('usage: ab.ts <a/main.js> <b/main.js> [--rounds N]');
  const builds = positionals.map((path) => resolve(path));
  const rounds = Number(values.rounds);
  const durationS = Number(values.duration);
  const connections = Number(values.connections);
  const kinds = values.kinds.split(',') as Kind[];
  installCleanupHandlers();
  const cpus = planCpus();
  if (!cpus.pinned) throw new Error('a same-core A/B needs taskset and two CPUs');
  const wrk = new WrkLoadGenerator();
  const dir = createTempDir('api-bench-ab-');
  const issuer = await TestIssuer.start();
  try {
    const same = `${dir}/same`;
    await writeTokenFile(same, [
      await issuer.mint({ claims: { exp: Math.floor(Date.now() / 1000) + 3600 } }),
    ]);
    // Each server sees each token once per process, and every round starts new processes.
    const fresh = `${dir}/fresh`;
    if (kinds.includes('fresh')) await mintTokenFile(issuer, fresh, 30_000 * durationS);
    const dpop = await DpopClient.create(issuer);
    pinHarnessToLoadCpu(cpus);
    console.log(
      `A = ${builds[0]}\nB = ${builds[1]}\n${rounds} rounds × ${durationS} s, ${connections} connections each`,
    );
    for (const kind of kinds) {
      const ratios: number[] = [];
      const rps: [number[], number[]] = [[], []];
      for (let round = 0; round < rounds; round++) {
        const proofs = `${dir}/proofs`;
        if (kind === 'dpop')
          await dpop.writeProofFile(proofs, `${PUBLIC_URL}/api/me`, 25_000 * durationS);
        const servers = await Promise.all(
          builds.map((script, i) =>
            startServer(
              {
                id: `ab-${i}`,
                label: `build ${'AB'[i]}`,
                script,
                rounds: [],
                env: { LOG_LEVEL: 'warn', API_PUBLIC_URL: PUBLIC_URL },
              },
              { issuer: issuer.issuer, audience: issuer.audience, cpu: cpus.serverCpu },
            ),
          ),
        );
        try {
          // Warm both (JIT, keys, connections) before the measured round.
          await Promise.all(
            servers.map((server) =>
              load(wrk, server.baseUrl, 'same', same, 2, connections, cpus.loadCpu),
            ),
          );
          const file = kind === 'same' ? same : kind === 'fresh' ? fresh : proofs;
          const results = await Promise.all(
            servers.map((server) =>
              load(wrk, server.baseUrl, kind, file, durationS, connections, cpus.loadCpu),
            ),
          );
          for (const [i, result] of results.entries()) {
            if (result.errors > 0 || result.tokenWraps > 0) {
              throw new Error(
                `build ${'AB'[i]} ${kind}: ${result.errors} errors, ${result.tokenWraps} token wraps`,
              );
            }
            rps[i].push(result.rps);
          }
          ratios.push(results[1].rps / results[0].rps);
          console.log(
            `${kind} round ${round + 1}: A ${results[0].rps.toFixed(0)} rps, B ${results[1].rps.toFixed(0)} rps, B/A ${ratios.at(-1)?.toFixed(3)}`,
          );
        } finally {
          await Promise.all(servers.map((server) => server.stop()));
        }
      }
      const sorted = [...ratios].sort((a, b) => a - b);
      console.log(
        `${kind}: B/A median ${median(ratios).toFixed(3)} (${sorted[0].toFixed(3)}–${sorted.at(-1)?.toFixed(3)}), ` +
          `A ${median(rps[0]).toFixed(0)} rps, B ${median(rps[1]).toFixed(0)} rps (medians)`,
      );
    }
  } finally {
    await issuer.stop();
    removeTempDir(dir);
  }
}

function load(
  wrk: WrkLoadGenerator,
  baseUrl: string,
  kind: Kind,
  tokenFile: string,
  durationS: number,
  connections: number,
  cpu: number | undefined,
): Promise<LoadResult> {
  return wrk.run({
    url: `${baseUrl}${kind === 'floor' ? '/healthz' : '/api/me'}`,
    mode: kind === 'floor' ? 'plain' : (kind as LoadMode),
    tokenFile,
    expectStatus: 200,
    connections,
    durationS,
    threads: 1,
    cpu,
  });
}

main().catch((error: unknown) => {
  console.error(`api-bench ab: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
