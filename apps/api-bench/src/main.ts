/**
 * `npm run bench`: the API against its own unauthenticated floor (and, with --peers, against the
 * usual Node JWT stacks), under identical load, on a machine split into a server core and a
 * load-generator core. See apps/api-bench/README.md for the method.
 */
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { BenchRun } from './bench-run';
import { runChatRound } from './chat/chat-round';
import { checkEachServer } from './checks';
import { createTempDir, installCleanupHandlers, removeTempDir } from './cleanup';
import { pinHarnessToLoadCpu, planCpus, type CpuPlan } from './cpu-plan';
import { firstPass } from './first-pass';
import { evaluateGoals, renderGoalDefinitions } from './goals';
import { chooseLoadGenerator, type LoadGenerator } from './load-generator';
import { measureEachServer } from './measure';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { BENCHMARKS_DOC } from './paths';
import { renderReport } from './report';
import { writeBenchmarksDoc } from './benchmarks-doc';
import { ROUND_KINDS } from './rounds';
import { collectRunInfo, readBeforeRun } from './run-info';
import { mintRunPools } from './run-pools';
import { API_TARGET, BARE_TARGET, PEER_TARGETS } from './servers';
import { DpopClient } from './dpop-proof-pool';
import { summarize } from './stats';
import { TokenSupply } from './token-pool';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseBenchOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  installCleanupHandlers();
  const before = readBeforeRun();
  const cpus = planCpus();
  const loadGenerator = chooseLoadGenerator(options.loadGenerator);
  const blocks = [
    [API_TARGET, BARE_TARGET],
    ...(options.peers ? PEER_TARGETS.map((t) => [t]) : []),
  ];
  const targets = blocks.flat();
  console.log(describePlan(options, targets.length, loadGenerator, cpus));

  const tempDir = createTempDir('api-bench-');
  const issuer = await TestIssuer.start();
  try {
    const tokens = new TokenSupply(issuer, tempDir);
    const same = await tokens.sameToken();
    const { connections, durationS, threads } = options;
    const { loadCpu } = cpus;
    const rounds = {
      loadGenerator,
      connections,
      durationS,
      threads,
      loadCpu,
      sameTokenFile: same.file,
    };
    const dpop = await DpopClient.create(issuer);
    const run: BenchRun = { options, blocks, targets, issuer, cpus, tokens, dpop, rounds };

    const first = await firstPass(run, same.token);
    const pools = await mintRunPools(run, first.tokensPerFreshRound);
    // From here on the harness only orchestrates: it shares the load generator's core.
    pinHarnessToLoadCpu(cpus);
    const samples = await measureEachServer(
      run,
      { freshFiles: pools.freshFiles, proofsPerRound: first.proofsPerRound },
      tempDir,
    );
    const checks = await checkEachServer(run, pools);
    const chat = await runChatRound(run);

    const summaries = summarize(samples, targets);
    const info = collectRunInfo(run, { argv, before, firstPass: first, sameToken: same.token });
    const goals = evaluateGoals({ summaries, apiChecks: checks[0]?.[1], info, chat });
    const report = renderReport({
      info,
      summaries,
      checks,
      goals,
      chat,
      preflightNotes: first.preflightNotes,
    });
    console.log(`\n${report}\n`);
    console.log(`goals met: ${goals.filter((g) => g.met).length}/${goals.length}`);
    if (options.write) {
      writeBenchmarksDoc(BENCHMARKS_DOC, { goals: renderGoalDefinitions(), results: report });
      console.log(`wrote ${BENCHMARKS_DOC}`);
    }
  } finally {
    await issuer.stop();
    removeTempDir(tempDir);
  }
}

function describePlan(
  options: BenchOptions,
  servers: number,
  loadGenerator: LoadGenerator,
  cpus: CpuPlan,
): string {
  return (
    `${servers} server(s), ${loadGenerator.name}, ${options.connections} connections, ` +
    `${options.durationS} s × ${ROUND_KINDS.length} rounds × ${options.repetitions} repetitions` +
    (cpus.pinned ? '; server on CPU 0, load on CPU 1' : '')
  );
}

main().catch((error: unknown) => {
  console.error(`api-bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
