import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { CpuPlan } from './cpu-plan';
import type { DpopClient } from './dpop-proof-pool';
import type { BenchOptions } from './options';
import type { RoundSettings } from './rounds';
import { startServer, type RunningServer, type ServerTarget } from './servers';
import type { TokenSupply } from './token-pool';

/** What every step of one `npm run bench` shares. */
export interface BenchRun {
  options: BenchOptions;
  /**
   * Servers measured together, block by block: the API with its bare-Fastify yardstick first,
   * then each peer alone (with --peers).
   */
  blocks: ServerTarget[][];
  /** Every server of the blocks, the API first. */
  targets: ServerTarget[];
  issuer: TestIssuer;
  cpus: CpuPlan;
  tokens: TokenSupply;
  /** The DPoP round's key and bound token. */
  dpop: DpopClient;
  /** Round settings but the fresh-token and proof files, which each repetition brings. */
  rounds: Omit<RoundSettings, 'freshTokenFile'>;
}

/** A new process of `target` on the server CPU, trusting the run's issuer. */
export function startForRun(
  run: BenchRun,
  target: ServerTarget,
  { untilListening = false } = {},
): Promise<RunningServer> {
  return startServer(target, {
    issuer: run.issuer.issuer,
    audience: run.issuer.audience,
    cpu: run.cpus.serverCpu,
    untilListening,
  });
}
