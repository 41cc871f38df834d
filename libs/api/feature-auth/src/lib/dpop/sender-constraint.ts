import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DpopMode } from '@oracle-ai/api/util-config';
import { AuthErrors, dpopChallenged } from '../errors';
import type { TurnBatch } from '../token/turn-batch';
import type { AccessTokenClaims } from '../user/authenticated-user';
import type { DpopNonces } from './dpop-nonces';
import type { DpopProofVerifier } from './dpop-proof';
import type { ReplayStore } from './replay-store';

export interface SenderConstraintOptions {
  mode: DpopMode;
  proofs: DpopProofVerifier;
  replays: ReplayStore;
  /** When set, proofs must carry a current nonce (RFC 9449 §8). */
  nonces?: DpopNonces;
  /** The API's public base URL: with the request path, the `htu` a proof must name. */
  publicUrl: string;
  /** How long a proof id is remembered: the proof acceptance window. */
  replayWindowS: number;
  /** Where proof signatures wait for the end of the event-loop turn (shared with token verification). */
  turn: TurnBatch;
}

/** How a token came: its scheme, and for DPoP the proof header (already checked to be a single line). */
export interface Presentation {
  scheme: 'bearer' | 'dpop';
  token: string;
  proof: string | undefined;
}

/**
 * What binds a token to its presenter (RFC 9449). A token with `cnf` is usable only with the DPoP
 * scheme and a proof by the key it names — whatever the mode, so a stolen bound token is never a
 * bearer token; a token without `cnf` only as Bearer (and not at all in `required` mode). The proof
 * is checked on every request (it is single-use by design), with the turn's other signature checks;
 * the token's verification stays cached.
 */
export class SenderConstraint {
  private readonly htuBase: string;

  constructor(private readonly options: SenderConstraintOptions) {
    const url = new URL(options.publicUrl);
    this.htuBase = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }

  get mode(): DpopMode {
    return this.options.mode;
  }

  /** Whether the DPoP scheme is accepted at all. */
  get dpopEnabled(): boolean {
    return this.options.mode !== 'off';
  }

  /** The algorithms a proof may use, for challenges and metadata. */
  get algorithms(): readonly string[] {
    return this.options.proofs.algorithms;
  }

  /**
   * Throws the refusal of a token this presentation may not use. A Bearer token is decided at
   * once; a DPoP proof later (a promise), with the turn's signature checks and the replay store.
   */
  check(
    request: FastifyRequest,
    reply: FastifyReply,
    presented: Presentation,
    claims: AccessTokenClaims,
  ): void | Promise<void> {
    const cnf = claims['cnf'];
    if (presented.scheme === 'bearer') {
      if (cnf !== undefined) {
        throw dpopChallenged(
          new AuthErrors.InvalidToken(
            'The access token is bound to a key: present it with the DPoP scheme and a proof',
          ),
        );
      }
      if (this.options.mode === 'required') {
        throw dpopChallenged(
          new AuthErrors.InvalidToken('This API accepts only DPoP-bound access tokens'),
        );
      }
      return;
    }
    const jkt =
      typeof cnf === 'object' && cnf !== null ? (cnf as { jkt?: unknown }).jkt : undefined;
    if (typeof jkt !== 'string') {
      throw new AuthErrors.InvalidToken(
        'The access token is not bound to a DPoP key: present it as a Bearer token',
      );
    }
    const proof = presented.proof;
    if (proof === undefined) throw invalidProof('A DPoP proof is required with the DPoP scheme');
    return this.checkProofAtTurnEnd(request, reply, presented.token, proof, jkt);
  }

  private async checkProofAtTurnEnd(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    proof: string,
    jkt: string,
  ): Promise<void> {
    await this.options.turn.end();
    const verified = this.options.proofs.verify(proof, {
      htm: request.method,
      htu: this.htuBase + pathOf(request.url),
      ath: hash('sha256', token, 'base64url'),
    });
    if (verified.jkt !== jkt) {
      throw invalidProof(
        'The DPoP proof is signed by another key than the access token is bound to',
      );
    }
    const nonces = this.options.nonces;
    if (nonces !== undefined) {
      const state = nonces.check(verified.nonce);
      if (state === 'invalid') {
        throw Object.assign(new AuthErrors.UseDpopNonce(), {
          headers: { 'dpop-nonce': nonces.current() },
        });
      }
      // Still accepted, but a newer one exists: hand it over without a round trip (RFC 9449 §8.2).
      if (state === 'stale') reply.header('dpop-nonce', nonces.current());
    }
    const firstUse = await this.options.replays.firstUse(
      `${jkt}.${verified.jti}`,
      this.options.replayWindowS,
    );
    if (!firstUse) throw invalidProof('The DPoP proof was used before');
  }

  close(): Promise<void> {
    return this.options.replays.close();
  }
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function invalidProof(message: string): Error {
  return new AuthErrors.InvalidDpopProof(message);
}
