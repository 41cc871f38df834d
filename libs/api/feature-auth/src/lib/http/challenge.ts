import type { HttpErrorExtras } from '@oracle-ai/api/feature-platform';
import type { DpopChallenged } from '../errors';

export const REALM = 'oracle-ai';

/** How to challenge a refused request: the scheme it used (or must use), and what to name. */
export interface ChallengeContext {
  scheme: 'bearer' | 'dpop';
  /** The RFC 9728 metadata URL, named in every 401 challenge (RFC 9728 §5.1). */
  resourceMetadataUrl: string;
  /** The algorithms a DPoP proof may use, named in every DPoP challenge (RFC 9449 §7.1). */
  dpopAlgorithms: readonly string[];
}

/** RFC 6750 §3 / RFC 9449 §7.1 `error` values by status; DPoP proof errors name themselves. */
function challengeError(code: string, statusCode: number): string | undefined {
  if (statusCode === 400) return 'invalid_request';
  if (statusCode === 403) return 'insufficient_scope';
  if (statusCode !== 401) return undefined;
  return code === 'invalid_dpop_proof' || code === 'use_dpop_nonce' ? code : 'invalid_token';
}

/**
 * Adds the `WWW-Authenticate` challenge to an auth refusal (400, 401, 403), so every response
 * made of it tells the client what went wrong and how to authenticate: `Bearer` (RFC 6750 §3),
 * or `DPoP` with the accepted proof algorithms (RFC 9449 §7.1) for a request that used DPoP, a
 * proof error, or a token that must be presented with DPoP. A 401 also names the resource's
 * metadata (RFC 9728 §5.1). Other errors pass unchanged.
 */
export function withChallenge(error: Error, context: ChallengeContext): Error {
  const { code: rawCode, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof rawCode !== 'string' || typeof statusCode !== 'number') return error;
  const code = rawCode.toLowerCase();
  const errorValue = challengeError(code, statusCode);
  const missing = statusCode === 401 && code === 'missing_token';
  if (errorValue === undefined && !missing) return error;
  const dpop =
    context.scheme === 'dpop' ||
    (error as Partial<DpopChallenged>).challengeScheme === 'dpop' ||
    code === 'invalid_dpop_proof' ||
    code === 'use_dpop_nonce';
  const params = [`realm="${REALM}"`];
  if (!missing) {
    params.push(`error="${errorValue}"`, `error_description="${quoteSafe(error.message)}"`);
  }
  if (dpop) params.push(`algs="${context.dpopAlgorithms.join(' ')}"`);
  if (statusCode === 401)
    params.push(`resource_metadata="${quoteSafe(context.resourceMetadataUrl)}"`);
  const carrier = error as Error & HttpErrorExtras;
  carrier.headers = {
    ...carrier.headers,
    'www-authenticate': `${dpop ? 'DPoP' : 'Bearer'} ${params.join(', ')}`,
  };
  return error;
}

/** RFC 6750 §3: error_description (and any quoted value here) is restricted to %x20-21 / %x23-5B / %x5D-7E. */
function quoteSafe(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '');
}
