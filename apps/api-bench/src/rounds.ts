import type { LoadGenerator, LoadMode, LoadResult } from './load-generator';
import type { RunningServer } from './servers';

/** Seconds of each warm-up and calibration round. */
export const WARMUP_S = 2;

export type RoundKind = 'floor' | 'carry' | 'same' | 'fresh' | 'invalid' | 'dpop';

/** The order within one repetition; repetitions are interleaved so drift hits every kind alike. */
export const ROUND_KINDS: readonly RoundKind[] = [
  'floor',
  'carry',
  'same',
  'fresh',
  'invalid',
  'dpop',
];

interface RoundDefinition {
  title: string;
  path: string;
  mode: LoadMode;
  expectStatus: number;
}

export const ROUNDS: Record<RoundKind, RoundDefinition> = {
  floor: { title: 'floor: GET /healthz', path: '/healthz', mode: 'plain', expectStatus: 200 },
  // The floor again, carrying the same-token round's Authorization header, which /healthz
  // ignores: what the token's bytes cost before any verification (reading, parsing, headers).
  carry: { title: 'token carried to /healthz', path: '/healthz', mode: 'same', expectStatus: 200 },
  same: { title: 'same token', path: '/api/me', mode: 'same', expectStatus: 200 },
  fresh: { title: 'fresh token', path: '/api/me', mode: 'fresh', expectStatus: 200 },
  invalid: { title: 'invalid signature', path: '/api/me', mode: 'invalid', expectStatus: 401 },
  // One DPoP-bound token (cached after its first verification) with a never-seen proof on every
  // request: what sender-constrained tokens cost, a proof verification per request.
  dpop: {
    title: 'DPoP: a fresh proof per request',
    path: '/api/me',
    mode: 'dpop',
    expectStatus: 200,
  },
};

export interface RoundSample {
  serverId: string;
  kind: RoundKind;
  repetition: number;
  result: LoadResult;
  /** Server CPU use during the round; well under 100 % means something else set the pace. */
  serverCpuPercent: number;
  /** Server CPU time per answered request, in µs: what each request cost the server's core. */
  serverCpuMicrosPerRequest: number;
}

export interface RoundSettings {
  loadGenerator: LoadGenerator;
  connections: number;
  durationS: number;
  threads: number;
  loadCpu: number | undefined;
  sameTokenFile: string;
  /** Fresh/invalid token file for this repetition; never used twice against one process. */
  freshTokenFile: string;
  /** The DPoP round's bound token (first line) and proofs, minted just before it. */
  dpopProofFile?: string;
}

export async function runRound(
  server: RunningServer,
  kind: RoundKind,
  settings: RoundSettings,
  durationS = settings.durationS,
): Promise<LoadResult> {
  const round = ROUNDS[kind];
  return settings.loadGenerator.run({
    url: `${server.baseUrl}${round.path}`,
    mode: round.mode,
    tokenFile:
      round.mode === 'same'
        ? settings.sameTokenFile
        : round.mode === 'plain'
          ? undefined
          : round.mode === 'dpop'
            ? settings.dpopProofFile
            : settings.freshTokenFile,
    expectStatus: round.expectStatus,
    connections: settings.connections,
    durationS,
    threads: settings.threads,
    cpu: settings.loadCpu,
  });
}

/**
 * A short floor and (where the server takes it) same-token round, so the JIT has compiled the hot
 * paths; resolves to the floor's result.
 */
export async function warmUp(
  server: RunningServer,
  settings: Omit<RoundSettings, 'freshTokenFile'>,
): Promise<LoadResult> {
  const floor = await runRound(server, 'floor', { ...settings, freshTokenFile: '' }, WARMUP_S);
  if (server.target.rounds.includes('same')) {
    await runRound(server, 'same', { ...settings, freshTokenFile: '' }, WARMUP_S);
  }
  return floor;
}
