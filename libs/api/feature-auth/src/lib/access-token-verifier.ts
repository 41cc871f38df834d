import { jwtVerify, type JWTPayload } from 'jose';
import { AuthErrors, wrapJoseError } from './errors';
import type { SigningKeyStore } from './signing-key-store';
import { MAX_TOKEN_LENGTH } from './bearer-token';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audiences: readonly string[];
  algorithms: readonly string[];
  clockToleranceS: number;
  keyStore: SigningKeyStore;
  now?: () => number;
}

/** Claims of a token whose signature, issuer, audience and lifetime were checked. */
export interface VerifiedAccessToken {
  claims: JWTPayload & { sub: string; exp: number };
  /** The `kid` of the key that verified it (undefined when the token named none). */
  kid: string | undefined;
}

/**
 * JWT `typ` values accepted for access tokens: RFC 9068's `at+jwt` and the plain `JWT` many IdPs
 * (Keycloak, Entra ID, CA SiteMinder) still emit. Any other explicit type — an ID token, logout
 * token, DPoP proof, security event — is refused (RFC 8725 §3.11: explicit typing).
 */
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt', 'application/jwt']);

/** Claims only ID tokens carry (OIDC Core §3.1.3.6, §3.3.2.11): their presence betrays an ID token. */
const ID_TOKEN_ONLY_CLAIMS = ['at_hash', 'c_hash', 's_hash'] as const;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies bearer access tokens per RFC 9068 / RFC 8725 with `jose`: pinned algorithms, exact
 * issuer, audience, `exp` and `sub` required, `nbf`/`iat` with leeway, unknown `crit` refused.
 * Built once at start-up; holds no per-request state.
 */
export class AccessTokenVerifier {
  private readonly verifyOptions;
  private readonly now: () => number;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.now = options.now ?? Date.now;
    this.verifyOptions = {
      issuer: options.issuer,
      audience: [...options.audiences],
      algorithms: [...options.algorithms],
      clockTolerance: options.clockToleranceS,
      requiredClaims: ['exp', 'sub'],
    };
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      throw new AuthErrors.InvalidToken('The access token is malformed');
    }
    let kid: string | undefined;
    let result;
    try {
      result = await jwtVerify(
        token,
        (header) => {
          kid = typeof header.kid === 'string' ? header.kid : undefined;
          return this.options.keyStore.getKey(header);
        },
        { ...this.verifyOptions, currentDate: new Date(this.now()) },
      );
    } catch (error) {
      throw wrapJoseError(error);
    }
    const { payload, protectedHeader } = result;

    const typ = protectedHeader.typ;
    if (
      typ !== undefined &&
      (typeof typ !== 'string' || !ACCESS_TOKEN_TYPES.has(typ.toLowerCase()))
    ) {
      throw new AuthErrors.InvalidTokenType();
    }
    // Keycloak marks its ID tokens with a `typ` claim.
    if (
      payload['typ'] === 'ID' ||
      ID_TOKEN_ONLY_CLAIMS.some((claim) => payload[claim] !== undefined)
    ) {
      throw new AuthErrors.InvalidTokenType();
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new AuthErrors.InvalidToken('The access token has an invalid "sub" claim');
    }
    // jose checks `iat` only with maxTokenAge; a token from the future is not valid yet either.
    if (
      payload.iat !== undefined &&
      payload.iat > this.now() / 1000 + this.options.clockToleranceS
    ) {
      throw new AuthErrors.TokenNotYetValid();
    }
    return { claims: payload as VerifiedAccessToken['claims'], kid };
  }
}
