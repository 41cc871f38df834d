import {
  decodeProtectedHeader,
  UnsecuredJWT,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { registeredClaimTypeError, tokenTypeError } from './access-token-claims';
import { AuthErrors, wrapJoseError } from './errors';
import { verifyJwsSignature } from './jws-signature';
import { MAX_TOKEN_LENGTH } from './bearer-token';
import { VerifiedTokenCache, type TokenPresenter } from './verified-token-cache';
import type { SigningKeyStore } from './signing-key-store';
import type { AuthenticatedUser } from './authenticated-user';
import type { GroupsClaimOptions } from './groups';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audiences: readonly string[];
  algorithms: readonly string[];
  clockToleranceS: number;
  keyStore: SigningKeyStore;
  /** Verified tokens remembered (LRU); 0 disables the cache. */
  cacheMaxEntries?: number;
  now?: () => number;
}

/** Claims of a token whose signature, issuer, audience and lifetime were checked. */
export interface VerifiedAccessToken {
  claims: JWTPayload & { sub: string; exp: number };
  /** The `kid` of the key that verified it (undefined when the token named none). */
  kid: string | undefined;
  /**
   * The caller these claims name, derived by the bearer hook at first use and kept with the
   * result, so a cached token is mapped once. Kept here rather than in a WeakMap keyed by the
   * result: V8's minor GC keeps a WeakMap's young entries alive, so every never-seen token's
   * entry would be copied and promoted to the old generation (measured: docs/adr/0003).
   */
  user: AuthenticatedUser | undefined;
  /** The groups-claim options `user` was derived with: another hook's options derive anew. */
  userGroupsClaim: GroupsClaimOptions | undefined;
}

/**
 * JWT `typ` values accepted for access tokens: RFC 9068's `at+jwt` and the plain `JWT` many IdPs
 * (Keycloak, Entra ID, CA SiteMinder) still emit. Any other explicit type — an ID token, logout
 * token, DPoP proof, security event — is refused (RFC 8725 §3.11: explicit typing).
 */
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt', 'application/jwt']);

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** `{"alg":"none"}`: lets jose's UnsecuredJWT validate the claims of a payload whose signature we checked. */
const CLAIMS_ONLY_HEADER = Buffer.from('{"alg":"none"}').toString('base64url');

/**
 * Verifies bearer access tokens per RFC 9068 / RFC 8725: pinned algorithms, exact issuer,
 * audience, `exp` and `sub` required, `nbf`/`iat` with leeway, no `crit` extensions.
 *
 * Division of labour (docs/adr/0003): `jose` decodes the header and validates the claims set —
 * the JOSE semantics — while the signature is checked with node:crypto against keys imported
 * once per `kid`. Successful results are kept in a {@link VerifiedTokenCache}.
 * Built once at start-up; holds no per-request state.
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
      admitOnSecondSighting: true,
      clockToleranceS: options.clockToleranceS,
      now: this.now,
    });
    options.keyStore.onKeysChanged((kids) => this.cache.invalidateKids(kids));
  }

  /**
   * The result of an earlier successful verification of this exact token, if still valid; a
   * synchronous fast path for the common case of an SPA reusing its token. `presenter` (the
   * connection the token came on) lets a token presented again on it skip even the hashing.
   * On a miss, a {@link TokenCacheMiss} carries the hash for {@link verify}, so a never-seen
   * token is hashed once.
   */
  verifyCached(
    token: string,
    presenter?: TokenPresenter,
  ): VerifiedAccessToken | TokenCacheMiss | undefined {
    if (presenter !== undefined) {
      const remembered = this.cache.getForPresenter(presenter, token);
      if (remembered !== undefined) return remembered;
    }
    if (token.length > MAX_TOKEN_LENGTH) return undefined;
    const cacheKey = VerifiedTokenCache.keyOf(token);
    return (
      this.cache.get(cacheKey, presenter === undefined ? undefined : { presenter, token }) ??
      new TokenCacheMiss(token, cacheKey)
    );
  }

  /** Verifies a token; `miss`, from {@link verifyCached} for the same token, saves hashing it again. */
  async verify(token: string, miss?: TokenCacheMiss): Promise<VerifiedAccessToken> {
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      throw new AuthErrors.InvalidToken('The access token is malformed');
    }
    const cacheKey = miss?.token === token ? miss.cacheKey : VerifiedTokenCache.keyOf(token);
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;

    const result = await this.verifyUncached(token);
    this.cache.set(cacheKey, { value: result, exp: result.claims.exp, kid: result.kid });
    return result;
  }

  private async verifyUncached(token: string): Promise<VerifiedAccessToken> {
    const header = this.checkedHeader(token);
    const kid = header.kid as string | undefined;
    const key = await this.options.keyStore.getKey(header);

    const payloadEnd = token.lastIndexOf('.');
    if (
      !verifyJwsSignature(
        header.alg as string,
        key,
        token.slice(0, payloadEnd),
        token.slice(payloadEnd + 1),
      )
    ) {
      throw new AuthErrors.InvalidSignature();
    }

    let claims: JWTPayload;
    try {
      const payload = token.slice(token.indexOf('.') + 1, payloadEnd);
      ({ payload: claims } = withoutStackTraces(() =>
        UnsecuredJWT.decode(`${CLAIMS_ONLY_HEADER}.${payload}.`, {
          ...this.claimsOptions,
          currentDate: new Date(this.now()),
        }),
      ));
    } catch (error) {
      // A mistyped claim is a malformed token, whichever value check jose stopped at.
      const payload = (error as { payload?: unknown }).payload;
      throw (isClaimsObject(payload) && registeredClaimTypeError(payload)) || wrapJoseError(error);
    }
    const refusal = registeredClaimTypeError(claims) ?? tokenTypeError(claims);
    if (refusal !== undefined) throw refusal;
    // jose checks `iat` only with maxTokenAge; a token from the future is not valid yet either.
    if (claims.iat !== undefined && claims.iat > this.now() / 1000 + this.options.clockToleranceS) {
      throw new AuthErrors.TokenNotYetValid();
    }
    return {
      claims: claims as VerifiedAccessToken['claims'],
      kid,
      user: undefined,
      userGroupsClaim: undefined,
    };
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
}

/** {@link AccessTokenVerifier.verifyCached}'s answer for a token it holds no result for. */
export class TokenCacheMiss {
  constructor(
    readonly token: string,
    /** The token's {@link VerifiedTokenCache.keyOf}. */
    readonly cacheKey: string,
  ) {}
}

function isClaimsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
