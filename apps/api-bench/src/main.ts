/**
 * `npm run bench`: the API against its own unauthenticated floor (and, with --peers, against the
 * usual Node JWT stacks), under identical load, on a machine split into a server core and a
 * load-generator core. See apps/api-bench/README.md for the method.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { runServerChecks, type ServerChecks } from './checks';
import {
  AutocannonLoadGenerator,
  chooseLoadGenerator,
  type LoadGenerator,
  type LoadResult,
} from './load-generator';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { BENCHMARKS_DOC, WORKSPACE_ROOT } from './paths';
import {
  cpuSeconds,
  hasCommand,
  installCleanupHandlers,
  pinThisProcess,
  registerTempDir,
  removeTempDir,
} from './processes';
import { evaluateGoals, renderReport, summarize, writeBenchmarksDoc, type RunInfo } from './report';
import { ROUND_KINDS, ROUNDS, runRound, type RoundSample, type RoundSettings } from './rounds';
import {
  API_TARGET,
  PEER_TARGETS,
  startServer,
  type RunningServer,
  type ServerTarget,
} from './servers';
import {
  mintTokenFile,
  mintTokens,
  tamperSignature,
  TOKEN_LIFETIME_S,
  writeTokenFile,
} from './token-pool';

const WARMUP_S = 2;
/** Headroom on the fresh-round token estimate; a shortfall is still reported as reuse. */
const TOKEN_MARGIN = 1.3;
/** A measured round may run faster than its 2 s calibration (warmer JIT, quieter machine). */
const POOL_HEADROOM = 1.25;
const RSS_WARMUP_TOKENS = 50_000;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const parsed = parseBenchOptions(argv);
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const options: BenchOptions = parsed;
  installCleanupHandlers();

  const cpus = availableParallelism();
  const pin = cpus >= 2 && hasCommand('taskset');
  const serverCpu = pin ? 0 : undefined;
  const loadCpu = pin ? 1 : undefined;
  if (!pin) console.warn('api-bench: taskset or a 2nd CPU missing: server and load share cores');
  const loadGenerator = chooseLoadGenerator(options.loadGenerator);
  const targets = options.peers ? [API_TARGET, ...PEER_TARGETS] : [API_TARGET];
  const loadAverageBefore = loadAverage();
  // Read now: the API under test is the build made just before this run started.
  const builtFrom = apiCommit();
  log(
    `${targets.length} server(s), ${loadGenerator.name}, ${options.connections} connections, ` +
      `${options.durationS} s × ${ROUND_KINDS.length} rounds × ${options.repetitions} repetitions` +
      (pin ? '; server on CPU 0, load on CPU 1' : ''),
  );

  const tempDir = mkdtempSync(join(tmpdir(), 'api-bench-'));
  registerTempDir(tempDir);
  const issuer = await TestIssuer.start();
  const servers: RunningServer[] = [];
  const start = async (target: ServerTarget): Promise<RunningServer> => {
    const server = await startServer(target, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      cpu: serverCpu,
    });
    servers.push(server);
    return server;
  };
  const stopAll = () => Promise.all(servers.splice(0).map((server) => server.stop()));
  try {
    for (const target of targets) await start(target);

    const [sameToken] = await mintTokens(issuer, 1);
    const sameTokenFile = join(tempDir, 'same-token.txt');
    await writeTokenFile(sameTokenFile, [sameToken]);
    const exp = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S;
    const rejected = {
      wrongAudience: await issuer.mint({ claims: { exp, aud: 'another-api' } }),
      wrongIssuer: await issuer.mint({ claims: { exp, iss: 'http://localhost:1' } }),
      withoutGroup: await issuer.mint({ claims: { exp, groups: ['oracle-ai-users'] } }),
    };
    const preflightNotes: string[] = [];
    for (const server of servers)
      preflightNotes.push(...(await preflight(server, sameToken, rejected)));
    for (const note of preflightNotes) log(`note: ${note}`);

    log(`warming up (${WARMUP_S} s floor + ${WARMUP_S} s same token per server)`);
    const settings: Omit<RoundSettings, 'freshTokenFile'> = {
      loadGenerator,
      connections: options.connections,
      durationS: options.durationS,
      threads: options.threads,
      loadCpu,
      sameTokenFile,
    };
    /** A short floor and same-token round; resolves to the floor's result. */
    const warmUp = async (server: RunningServer): Promise<LoadResult> => {
      const floor = await runRound(server, 'floor', { ...settings, freshTokenFile: '' }, WARMUP_S);
      await runRound(server, 'same', { ...settings, freshTokenFile: '' }, WARMUP_S);
      return floor;
    };
    let bestFloorRps = 0;
    for (const server of servers) {
      const floor = await warmUp(server);
      bestFloorRps = Math.max(bestFloorRps, floor.rps);
    }

    // Size the fresh/invalid pools from how fast any server gets through distinct tokens here:
    // a short calibration of both, with headroom. A round that still runs out reports the reuse.
    const verifySeconds = measureVerifySeconds(sameToken, issuer);
    const ceilingRps = 1 / (1 / bestFloorRps + verifySeconds);
    const mintStart = Date.now();
    let minted = 0;
    const mintFile = async (name: string, count: number): Promise<string> => {
      const file = join(tempDir, name);
      await mintTokenFile(issuer, file, count);
      minted += count;
      return file;
    };
    const calibrationFile = await mintFile(
      'calibration.txt',
      Math.ceil(ceilingRps * WARMUP_S * TOKEN_MARGIN),
    );
    let distinctRps = 0;
    for (const server of servers) {
      for (const kind of ['fresh', 'invalid'] as const) {
        const settingsForCalibration = { ...settings, freshTokenFile: calibrationFile };
        const result = await runRound(server, kind, settingsForCalibration, WARMUP_S);
        distinctRps = Math.max(distinctRps, result.rps);
      }
    }
    rmSync(calibrationFile);
    const perRound = Math.ceil(
      Math.min(ceilingRps, distinctRps * POOL_HEADROOM) * options.durationS * TOKEN_MARGIN,
    );
    log(
      `RS256 verify here: ${(verifySeconds * 1e6).toFixed(1)} µs; distinct tokens went at ` +
        `≤ ${Math.round(distinctRps).toLocaleString('en-US')} rps in calibration: minting ` +
        `${perRound.toLocaleString('en-US')} per fresh round and the memory-check tokens`,
    );
    const freshFiles: string[] = [];
    for (let rep = 0; rep < options.repetitions; rep++)
      freshFiles.push(await mintFile(`fresh-${rep + 1}.txt`, perRound));
    const coldTokens = await mintTokens(issuer, options.coldRequests);
    minted += coldTokens.length;
    const rssHalfTokens = Math.ceil(options.rssTokens / 2);
    const rssFiles = [
      await mintFile('rss-warmup.txt', RSS_WARMUP_TOKENS),
      await mintFile('rss-first-half.txt', rssHalfTokens),
      await mintFile('rss-second-half.txt', rssHalfTokens),
    ];
    log(
      `minted ${minted.toLocaleString('en-US')} tokens in ${((Date.now() - mintStart) / 1000).toFixed(1)} s`,
    );
    // From here on the harness only orchestrates: it shares the load generator's core.
    if (loadCpu !== undefined && !pinThisProcess(loadCpu))
      console.warn(`api-bench: could not pin the harness to CPU ${loadCpu}`);

    // Each server is measured in one block, by a process started for it: a process that sat idle
    // (through the minting, or through the other servers' rounds) has had V8's memory reducer
    // shrink its young generation and runs ~25 % slower for minutes (docs/benchmarks.md).
    await stopAll();
    const samples: RoundSample[] = [];
    for (const target of targets) {
      const server = await start(target);
      await warmUp(server);
      for (let rep = 0; rep < options.repetitions; rep++) {
        for (const kind of ROUND_KINDS) {
          const cpuBefore = cpuSeconds(server.process.pid) ?? 0;
          const result = await runRound(server, kind, {
            ...settings,
            freshTokenFile: freshFiles[rep],
          });
          if (server.process.child.exitCode !== null)
            throw new Error(`${server.target.label} died: ${server.process.output().trim()}`);
          const serverCpuPercent =
            (((cpuSeconds(server.process.pid) ?? 0) - cpuBefore) / (result.requests / result.rps)) *
            100;
          samples.push({
            serverId: server.target.id,
            kind,
            repetition: rep + 1,
            result,
            serverCpuPercent,
          });
          log(
            `[${rep + 1}/${options.repetitions}] ${server.target.label} · ${ROUNDS[kind].title}: ` +
              `${describe(result)}, server CPU ${Math.round(serverCpuPercent)} %`,
          );
        }
      }
      await stopAll();
    }
    for (const file of freshFiles) rmSync(file);

    const checks: Array<[ServerTarget, ServerChecks]> = [];
    for (const target of targets) {
      log(`${target.label}: cold start with ${options.coldRequests} concurrent requests, then RSS`);
      const result = await runServerChecks(target, {
        issuer,
        serverCpu,
        loadCpu,
        connections: options.connections,
        loadGenerator: new AutocannonLoadGenerator(),
        coldTokens,
        rssWarmupFile: rssFiles[0],
        rssWarmupTokens: RSS_WARMUP_TOKENS,
        rssFirstHalfFile: rssFiles[1],
        rssSecondHalfFile: rssFiles[2],
        rssHalfTokens,
      });
      checks.push([target, result]);
    }

    const summaries = summarize(samples, targets);
    const goals = evaluateGoals(summaries, checks[0]?.[1]);
    const info: RunInfo = {
      date: new Date().toISOString(),
      command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
      cpus,
      cpuModel: cpuModel(),
      node: process.version,
      kernel: release(),
      loadGenerator: describeLoadGenerator(loadGenerator),
      pinning: pin ? 'server pinned to CPU 0, load generator to CPU 1 (taskset)' : 'no pinning',
      loadAverageBefore,
      loadAverageAfter: loadAverage(),
      apiCommit: builtFrom,
      durationS: options.durationS,
      connections: options.connections,
      threads: options.threads,
      repetitions: options.repetitions,
      tokensMinted: minted,
      tokensPerFreshRound: perRound,
      verifyMicros: verifySeconds * 1e6,
      sameTokenHeaderBytes: `Authorization: Bearer ${sameToken}`.length,
    };
    const report = renderReport({ info, summaries, checks, goals, preflightNotes });
    console.log(`\n${report}\n`);
    console.log(`goals met: ${goals.filter((g) => g.met).length}/${goals.length}`);
    if (options.write) {
      writeBenchmarksDoc(BENCHMARKS_DOC, report);
      log(`wrote ${BENCHMARKS_DOC}`);
    }
  } finally {
    await stopAll();
    await issuer.stop();
    removeTempDir(tempDir);
  }
}

/**
 * Proves every server really checks what the API checks (signature, iss, aud, group) before any
 * measuring, so no peer looks fast by skipping work. A 2xx where a rejection is due stops the run;
 * a rejection with another status than the API's contract is kept as a note for the report.
 */
async function preflight(
  server: RunningServer,
  token: string,
  rejected: { wrongAudience: string; wrongIssuer: string; withoutGroup: string },
): Promise<string[]> {
  const expectations: Array<[string, string, string | undefined, number]> = [
    ['/healthz', 'no token', undefined, 200],
    ['/api/me', 'a valid token', token, 200],
    ['/api/me', 'no token', undefined, 401],
    ['/api/me', 'a tampered signature', tamperSignature(token), 401],
    ['/api/me', 'a wrong audience', rejected.wrongAudience, 401],
    ['/api/me', 'a wrong issuer', rejected.wrongIssuer, 401],
    ['/api/me', 'no `database` group', rejected.withoutGroup, 403],
  ];
  const notes: string[] = [];
  for (const [path, what, bearer, expected] of expectations) {
    const response = await fetch(`${server.baseUrl}${path}`, {
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
    });
    await response.arrayBuffer();
    if (response.status === expected) continue;
    const message = `GET ${path} with ${what} answered ${response.status} (the API: ${expected})`;
    if (expected === 200 || response.status < 300)
      throw new Error(`${server.target.label}: ${message}`);
    notes.push(`${server.target.label}: ${message}`);
  }
  return notes;
}

function measureVerifySeconds(token: string, issuer: TestIssuer): number {
  const [header, payload, signature] = token.split('.');
  const key = createPublicKey({ key: issuer.currentKey.publicJwk, format: 'jwk' });
  const input = Buffer.from(`${header}.${payload}`);
  const signatureBytes = Buffer.from(signature, 'base64url');
  // The fastest of several batches: other work on the machine only ever makes a batch slower.
  let best = Infinity;
  for (let batch = 0; batch < 8; batch++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 250; i++) verify('sha256', input, key, signatureBytes);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9 / 250);
  }
  return best;
}

function describe(result: LoadResult): string {
  return (
    `${Math.round(result.rps).toLocaleString('en-US')} rps, p50 ${result.p50Ms.toFixed(2)} ms, ` +
    `p99 ${result.p99Ms.toFixed(2)} ms, errors ${result.errors}` +
    (result.tokenWraps > 0 ? `, TOKENS REUSED ${result.tokenWraps}×` : '')
  );
}

/** 1/5/15-minute load averages: other work on the machine shows up here. */
function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return match ? match[1].trim() : 'unknown CPU';
}

function describeLoadGenerator(generator: LoadGenerator): string {
  if (generator.name === 'wrk') {
    // `wrk -v` prints its version, then usage, and exits 1.
    const { stdout } = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
    return /wrk \S+/.exec(stdout)?.[0] ?? 'wrk';
  }
  return 'autocannon';
}

function apiCommit(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'apps/api', 'libs/api') !== '';
    return `\`${git('rev-parse', '--short', 'HEAD')}\`${dirty ? ' + uncommitted API changes' : ''}`;
  } catch {
    return 'an unknown commit';
  }
}

function log(message: string): void {
  console.log(message);
}

main().catch((error: unknown) => {
  console.error(`api-bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
