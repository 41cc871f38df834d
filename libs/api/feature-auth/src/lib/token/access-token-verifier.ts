import { decodeProtectedHeader, UnsecuredJWT, type ProtectedHeaderParameters } from 'jose';
import { AuthErrors } from '../errors';
import { splitCompactJws, verifySignature } from '../jws/compact-jws';
import type { SigningKey } from '../keys/signing-keys';
import type { SigningKeyStore } from '../keys/signing-key-store';
import { toUser, type AccessTokenClaims, type AuthenticatedUser } from '../user/authenticated-user';
import type { GroupsClaimOptions } from '../user/groups';
import {
  claimsValidationError,
  registeredClaimTypeError,
  tokenTypeError,
} from './access-token-claims';
import { TurnBatch } from './turn-batch';
import { tokenKey, VerifiedTokenCache, type TokenKey } from './verified-token-cache';

/** Tokens larger than this are refused before any parsing (no IdP issues access tokens this big). */
export const MAX_TOKEN_LENGTH = 16 * 1024;

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export interface AccessTokenVerifierOptions {
  issuer: string;
  audiences: readonly string[];
  algorithms: readonly string[];
  clockToleranceS: number;
  /** Where the caller's groups are read from the claims. */
  groupsClaim: GroupsClaimOptions;
  keyStore: SigningKeyStore;
  /** Where signature checks wait for the end of the event-loop turn (shared with DPoP proofs). */
  turn: TurnBatch;
  /** Verified tokens remembered (LRU); 0 disables the cache. */
  cacheMaxEntries?: number;
  now?: () => number;
}

/** A verified access token and the caller it names; both frozen, shared by every request that presents it. */
export interface VerifiedAccessToken {
  readonly claims: AccessTokenClaims;
  readonly user: AuthenticatedUser;
}

/**
 * JWT `typ` values accepted for access tokens: RFC 9068's `at+jwt` and the plain `JWT` many IdPs
 * (Keycloak, Entra ID, CA SiteMinder) still emit. Any other explicit type — an ID token, logout
 * token, DPoP proof, security event — is refused (RFC 8725 §3.11: explicit typing).
 */
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt', 'application/jwt']);

/** `{"alg":"none"}`: lets jose's UnsecuredJWT validate the claims of a payload whose signature we checked. */
const CLAIMS_ONLY_HEADER = Buffer.from('{"alg":"none"}').toString('base64url');

/**
 * Verifies access tokens per RFC 9068 / RFC 8725: pinned algorithms, exact issuer, audience,
 * `exp` and `sub` required, `nbf`/`iat` with leeway, no `crit` extensions, explicit typing.
 *
 * One entry point, {@link verify}. A token verified before (and still valid, by a key still
 * published) is answered at once from a {@link VerifiedTokenCache}; any other is verified in
 * full at the end of the event-loop turn, with the turn's other signature checks. Division of
 * labour (docs/adr/0003): `jose` decodes the header and validates the claims set; the signature
 * is checked with node:crypto against the key store's imported keys.
 */
export class AccessTokenVerifier {
  private readonly claimsOptions;
  private readonly algorithms: ReadonlySet<string>;
  private readonly cache: VerifiedTokenCache<VerifiedAccessToken>;
  private readonly now: () => number;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.now = options.now ?? Date.now;
    this.algorithms = new Set(options.algorithms);
    this.claimsOptions = {
      issuer: options.issuer,
      audience: [...options.audiences],
      clockTolerance: options.clockToleranceS,
      requiredClaims: ['exp', 'sub'],
    };
    this.cache = new VerifiedTokenCache({
      maxEntries: options.cacheMaxEntries ?? 2_000,
      clockToleranceS: options.clockToleranceS,
      isCurrent: (key) => options.keyStore.isCurrent(key),
      now: this.now,
    });
  }

  /**
   * The verified token: at once when this exact token was verified before (`presenter`, the
   * connection it came on, lets the same connection skip even the hashing), else a promise that
   * settles once it has been verified in full — or refused, with the error's API code: 400
   * `invalid_request` for a token that is not an RFC 6750 `b64token` (a second token, a comma…),
   * 401 for the rest.
   */
  verify(token: string, presenter?: object): VerifiedAccessToken | Promise<VerifiedAccessToken> {
    const remembered = this.cache.rememberedBy(presenter, token);
    if (remembered !== undefined) return remembered;
    const key = tokenKey(token);
    const cached = this.cache.get(key, presenter, token);
    if (cached !== undefined) return cached;
    return this.verifyAtTurnEnd(token, key);
  }

  private async verifyAtTurnEnd(token: string, key: TokenKey): Promise<VerifiedAccessToken> {
    await this.options.turn.end();
    const { verified, signedBy } = await this.verifyInFull(token);
    this.cache.set(key, { value: verified, signedBy, exp: verified.claims.exp });
    return verified;
  }

  private async verifyInFull(
    token: string,
  ): Promise<{ verified: VerifiedAccessToken; signedBy: SigningKey }> {
    // A token the cache answers for passed this check when it was first verified.
    if (!B64TOKEN.test(token)) {
      throw new AuthErrors.InvalidRequest(
        'The Authorization header is malformed (the token is not an RFC 6750 b64token)',
      );
    }
    const jws = splitCompactJws(token, MAX_TOKEN_LENGTH);
    if (jws === undefined) throw new AuthErrors.InvalidToken('The access token is malformed');
    const header = this.checkedHeader(token);
    const signedBy = await this.options.keyStore.getKey(header);
    if (!verifySignature(jws, header.alg as string, signedBy.key)) {
      throw new AuthErrors.InvalidSignature();
    }
    const claims = deepFreeze(this.validatedClaims(jws.payload));
    const user = toUser(claims, this.options.groupsClaim);
    return { verified: Object.freeze({ claims, user }), signedBy };
  }

  /** The protected header, decoded by jose, with the checks a signature must not wait for. */
  private checkedHeader(token: string): ProtectedHeaderParameters {
    let header: ProtectedHeaderParameters;
    try {
      header = withoutStackTraces(() => decodeProtectedHeader(token));
    } catch {
      throw new AuthErrors.InvalidToken('The access token is malformed');
    }
    if (typeof header.alg !== 'string' || header.alg === '') {
      throw new AuthErrors.InvalidToken('The access token is malformed');
    }
    // RFC 8725 §3.1: only the configured algorithms; this also refuses `none` and every HS*.
    if (!this.algorithms.has(header.alg)) throw new AuthErrors.UnsupportedAlgorithm();
    // RFC 7515 §4.1.11: this API understands no extension, so any `crit` is refused. `b64` (RFC 7797) is not for JWTs.
    if (header.crit !== undefined || header.b64 !== undefined) {
      throw new AuthErrors.InvalidToken('The access token uses an unsupported JOSE feature');
    }
    const typ = header.typ;
    if (
      typ !== undefined &&
      (typeof typ !== 'string' || !ACCESS_TOKEN_TYPES.has(typ.toLowerCase()))
    ) {
      throw new AuthErrors.InvalidTokenType();
    }
    return header;
  }

  /** The claims of a payload whose signature was checked, validated by jose and by our stricter rules. */
  private validatedClaims(payload: string): AccessTokenClaims {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = withoutStackTraces(() =>
        UnsecuredJWT.decode(`${CLAIMS_ONLY_HEADER}.${payload}.`, {
          ...this.claimsOptions,
          currentDate: new Date(this.now()),
        }),
      ));
    } catch (error) {
      // A mistyped claim is a malformed token, whichever value check jose stopped at.
      const refused = (error as { payload?: unknown }).payload;
      throw (
        (isObject(refused) && registeredClaimTypeError(refused)) || claimsValidationError(error)
      );
    }
    const refusal = registeredClaimTypeError(claims) ?? tokenTypeError(claims);
    if (refusal !== undefined) throw refusal;
    // jose checks `iat` only with maxTokenAge; a token from the future is not valid yet either.
    const iat = claims['iat'] as number | undefined;
    if (iat !== undefined && iat > this.now() / 1000 + this.options.clockToleranceS) {
      throw new AuthErrors.TokenNotYetValid();
    }
    return claims as AccessTokenClaims;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Freezes a JSON value and everything in it (claims are plain JSON: no cycles, bounded by the token size). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * Runs a synchronous jose call without capturing stack traces for the errors it throws: a refused
 * token is control flow, not a bug, and capturing a stack costs more than validating the claims.
 * Synchronous, so no other code runs while the limit is lowered.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
