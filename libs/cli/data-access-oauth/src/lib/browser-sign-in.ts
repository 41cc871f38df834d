import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { failedPage, signedInPage } from './callback-page';
import type { DpopKey } from './dpop-key';
import type { IdentityProvider } from './identity-provider';
import { LoopbackRedirect } from './loopback-redirect';
import { describeOAuthFailure, type OAuthError } from './oauth-error';
import { toTokenSet, type TokenSet } from './token-set';

export interface BrowserSignInOptions {
  idp: IdentityProvider;
  scope: string;
  /** Loopback ports to try in turn; `[0]` for any. */
  ports: readonly number[];
  /** What to do when every port is taken (ends that message). */
  busyHint: string;
  /** Binds the code and the tokens to this key (RFC 9449 §10, `dpop_jkt`). */
  dpopKey?: DpopKey;
  /** More authorization request parameters, e.g. `prompt`. */
  parameters?: Record<string, string>;
  /** How long to wait for the browser to come back. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Shows the authorization URL (opens a browser, prints it); the listener is ready by then. */
  present(authorizationUrl: URL, redirectUri: string): void | Promise<void>;
  /** Tells the user something on the side (stderr), such as an ignored callback. */
  notice(line: string): void;
}

/**
 * OAuth 2.0 for native apps (RFC 8252): Authorization Code with PKCE (S256) and `state`, the
 * system browser, and a loopback redirect. A callback whose `state` is not this sign-in's is
 * answered 400 and never redeemed (it may be a forged or stale one: the real one can still
 * come); the first callback with the right `state` ends the sign-in, well or not. openid-client
 * checks `state` again and the RFC 9207 `iss` parameter (mix-up defence) before it redeems the
 * code.
 */
export async function signInWithBrowser(options: BrowserSignInOptions): Promise<TokenSet> {
  const { idp } = options;
  const redirect = await LoopbackRedirect.listen(options.ports, options.busyHint);
  try {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const dpop = idp.dpopHandle(options.dpopKey);
    const authorizationUrl = client.buildAuthorizationUrl(idp.config, {
      response_type: 'code',
      redirect_uri: redirect.redirectUri,
      scope: options.scope,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...options.parameters,
      ...(dpop && { dpop_jkt: await dpop.DPoP.calculateThumbprint() }),
    });

    const outcome = redirect.serve<{ tokens: TokenSet } | { failure: OAuthError }>(
      async (callbackUrl) => {
        if (!hasState(callbackUrl, state)) {
          options.notice(
            'ignored an answer at the redirect URI that is not for this sign-in (wrong state)',
          );
          return { page: failedPage('This answer is not for the sign-in in progress.') };
        }
        try {
          const response = await client.authorizationCodeGrant(
            idp.config,
            callbackUrl,
            { pkceCodeVerifier: verifier, expectedState: state },
            undefined,
            dpop,
          );
          return { page: signedInPage(), result: { tokens: toTokenSet(response, Date.now()) } };
        } catch (error) {
          const failure = describeOAuthFailure(`the sign-in at ${idp.issuer}`, error);
          return { page: failedPage(`${failure.message}.`), result: { failure } };
        }
      },
      { timeoutMs: options.timeoutMs, signal: options.signal },
    );
    // The listener handles callbacks from here on; only now may the browser be sent.
    outcome.catch(() => undefined);
    await options.present(authorizationUrl, redirect.redirectUri);
    const result = await outcome;
    if ('failure' in result) throw result.failure;
    return result.tokens;
  } finally {
    await redirect.close();
  }
}

/** Exactly one `state`, equal to ours (compared in constant time). */
function hasState(url: URL, expected: string): boolean {
  const values = url.searchParams.getAll('state');
  if (values.length !== 1) return false;
  const given = Buffer.from(values[0]);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
