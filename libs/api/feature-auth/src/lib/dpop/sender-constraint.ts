import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DpopMode } from '@oracle-ai/api/util-config';
import { assertSingleHeaderLine, type PresentedToken } from '../bearer-token';
import { AuthErrors, dpopChallenged } from '../errors';
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
}

/**
 * What binds a token to its presenter (RFC 9449). A token with `cnf` is usable only with the DPoP
 * scheme and a proof by the key it names — whatever the mode, so a stolen bound token is never a
 * bearer token; a token without `cnf` only as Bearer (and not at all in `required` mode). The proof
 * is checked on every request (it is single-use by design); the token verification stays cached.
 */
export class SenderConstraint {
  private readonly htuBase: string;
  /** Each bound token's `ath`, hashed once while its verification stays cached. */
  private readonly athOf = new WeakMap<object, { token: string; ath: string }>();

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

  /** Throws the refusal; a promise when the replay store answers asynchronously (Redis). */
  check(
    request: FastifyRequest,
    reply: FastifyReply,
    presented: PresentedToken,
    claims: Readonly<Record<string, unknown>>,
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
    assertSingleHeaderLine(request.raw.rawHeaders, 'dpop', (message) => invalidProof(message));
    const proof = request.headers['dpop'];
    if (typeof proof !== 'string')
      throw invalidProof('A DPoP proof is required with the DPoP scheme');
    const verified = this.options.proofs.verify(proof, {
      htm: request.method,
      htu: this.htuBase + pathOf(request.url),
      ath: this.ath(presented.token, claims),
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
    const firstUse = this.options.replays.firstUse(
      `${jkt}.${verified.jti}`,
      this.options.replayWindowS,
    );
    if (firstUse === true) return;
    if (firstUse === false) throw replayed();
    return firstUse.then((first) => {
      if (!first) throw replayed();
    });
  }

  /** The token's SHA-256, remembered with its verified claims (one token per claims object). */
  private ath(token: string, claims: object): string {
    const known = this.athOf.get(claims);
    if (known !== undefined && known.token === token) return known.ath;
    const ath = hash('sha256', token, 'base64url');
    this.athOf.set(claims, { token, ath });
    return ath;
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

function replayed(): Error {
  return invalidProof('The DPoP proof was used before');
}
