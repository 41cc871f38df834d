import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { CpuPlan } from './cpu-plan';
import type { BenchOptions } from './options';
import type { RoundSettings } from './rounds';
import { startServer, type RunningServer, type ServerTarget } from './servers';
import type { TokenSupply } from './token-pool';

/** What every step of one `npm run bench` shares. */
export interface BenchRun {
  options: BenchOptions;
  /** The API first, then the peers (with --peers). */
  targets: ServerTarget[];
  issuer: TestIssuer;
  cpus: CpuPlan;
  tokens: TokenSupply;
  /** Round settings but the fresh-token file, which each repetition brings. */
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
