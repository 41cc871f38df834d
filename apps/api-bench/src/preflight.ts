import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { DpopClient } from './dpop-proof-pool';
import type { RunningServer } from './servers';
import { tamperSignature, TOKEN_LIFETIME_S } from './token-pool';

/** Tokens every server must refuse, each for another reason than a bad signature. */
export interface RejectedTokens {
  wrongAudience: string;
  wrongIssuer: string;
  withoutGroup: string;
}

export async function mintRejectedTokens(issuer: TestIssuer): Promise<RejectedTokens> {
  const exp = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S;
  return {
    wrongAudience: await issuer.mint({ claims: { exp, aud: 'another-api' } }),
    wrongIssuer: await issuer.mint({ claims: { exp, iss: 'http://localhost:1' } }),
    withoutGroup: await issuer.mint({ claims: { exp, groups: ['oracle-ai-users'] } }),
  };
}

/**
 * Proves every server really checks what the API checks (signature, iss, aud, group) before any
 * measuring, so no peer looks fast by skipping work. A 2xx where a rejection is due stops the run;
 * a rejection with another status than the API's contract is kept as a note for the report.
 */
export async function preflight(
  server: RunningServer,
  token: string,
  rejected: RejectedTokens,
  dpop: DpopClient,
): Promise<string[]> {
  const { rounds } = server.target;
  if (!rounds.includes('same')) return preflightFloor(server);
  if (rounds.includes('dpop')) await preflightDpop(server, dpop);
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

/** A server measured on its floor only: `/healthz` must answer. */
async function preflightFloor(server: RunningServer): Promise<string[]> {
  const response = await fetch(`${server.baseUrl}/healthz`);
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`${server.target.label}: GET /healthz answered ${response.status}`);
  return [];
}

/** The DPoP round measures real proof checks: a proof passes once, then is a replay. */
async function preflightDpop(server: RunningServer, dpop: DpopClient): Promise<void> {
  const url = `${server.baseUrl}/api/me`;
  const proof = await dpop.proof(url);
  const send = async (authorization: string, withProof: boolean) => {
    const response = await fetch(url, {
      headers: { authorization, ...(withProof && { dpop: proof }) },
    });
    await response.arrayBuffer();
    return response.status;
  };
  const outcomes = [
    await send(`DPoP ${dpop.token}`, true),
    await send(`DPoP ${dpop.token}`, true),
    await send(`Bearer ${dpop.token}`, false),
  ];
  if (outcomes.join() !== '200,401,401') {
    throw new Error(
      `${server.target.label}: DPoP preflight (proof, replay, bound token as Bearer) answered ` +
        `${outcomes.join(', ')}, expected 200, 401, 401`,
    );
  }
}
