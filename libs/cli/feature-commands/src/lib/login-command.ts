import {
  createDpopKey,
  discoverProtectedResource,
  IdentityProvider,
  OAuthError,
  signInWithBrowser,
  type ProtectedResource,
} from '@oracle-ai/cli/data-access-oauth';
import type { Session, SessionStore } from '@oracle-ai/cli/data-access-session';
import { printable } from '@oracle-ai/cli/util-messages';
import type { CliContext } from './cli-context';
import { readCliSettings, type CliSettings } from './cli-settings';
import { sessionStoreFor } from './session-store-for';
import { apiFlag, issuerFlag } from './url-flag';
import { UsageError } from './usage-error';

export interface LoginOptions {
  api?: string;
  issuer?: string;
  clientId?: string;
  /** One loopback port, instead of `ORACLE_AI_CLI_PORTS` or any free one. */
  port?: number;
  /** false: print the URL instead of opening a browser (SSH sessions). */
  browser: boolean;
  /** Bind the tokens to a key of the session (RFC 9449). */
  dpop: boolean;
}

/**
 * `oracle-ai login`: signs in through the user's browser (RFC 8252) and saves the session.
 * With only the API's URL, the IdP is the one its RFC 9728 metadata names. Writes nothing on
 * stdout.
 */
export async function login(options: LoginOptions, context: CliContext): Promise<void> {
  const settings = readCliSettings(context.env);
  const store = sessionStoreFor(context);
  const target = await resolveTarget(options, settings, store);
  const idp = await IdentityProvider.discover(target.issuer, options.clientId ?? settings.clientId);

  const dpop = options.dpop || target.resource?.dpopRequired === true;
  if (dpop && !idp.supportsDpop()) {
    throw new OAuthError(
      'ERR_OAUTH_CONFIGURATION',
      `the IdP at ${idp.issuer} does not offer DPoP with ES256 proofs${options.dpop ? ': log in without --dpop' : ', which the API requires'}`,
    );
  }
  if (dpop && !options.dpop) {
    context.stderr('The API accepts DPoP-bound tokens only: this session will use DPoP.\n');
  }
  const dpopKey = dpop ? await createDpopKey() : undefined;
  const scope = scopeFor(settings.scope, idp, context);
  const timeoutS = Math.round(settings.loginTimeoutMs / 1000);

  const tokens = await signInWithBrowser({
    idp,
    scope,
    ports: options.port !== undefined ? [options.port] : (settings.ports ?? [0]),
    busyHint: busyHint(options, settings),
    dpopKey,
    // OpenID Connect Core §11: an OP may ignore offline_access unless consent is asked for.
    parameters: scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {},
    timeoutMs: settings.loginTimeoutMs,
    signal: context.signal,
    present: async (url, redirectUri) => {
      const port = new URL(redirectUri).port;
      if (!options.browser) {
        context.stderr(
          `To sign in, open this URL in a browser on this machine:\n\n  ${url.href}\n\n`,
        );
        context.stderr(
          `Over SSH, forward the port first (ssh -L ${port}:127.0.0.1:${port} <this host>) and open the URL on your own machine.\n`,
        );
      } else {
        try {
          await context.openBrowser(url);
          context.stderr(
            `Opened your browser to sign in. If it did not open, visit:\n\n  ${url.href}\n\n`,
          );
        } catch {
          context.stderr(
            `Could not open a browser. To sign in, open this URL:\n\n  ${url.href}\n\n`,
          );
        }
      }
      context.stderr(`Waiting up to ${formatWait(timeoutS)} for the sign-in (Ctrl-C to stop)…\n`);
    },
    notice: (line) => context.stderr(`oracle-ai: ${line}\n`),
  });

  const session: Session = {
    api: target.api,
    issuer: idp.issuer,
    clientId: idp.clientId,
    username: tokens.username,
    accessToken: tokens.accessToken,
    tokenType: tokens.tokenType,
    expiresAt: tokens.expiresAt,
    refreshToken: tokens.refreshToken,
    scope: tokens.scope,
    dpopKey: dpopKey?.jwk,
    signedInAt: Date.now(),
  };
  const replaced = await store.update(async () => {
    const previous = previousSession(store);
    store.write(session);
    return previous;
  });
  await revokeReplaced(replaced, idp, context);
  if (tokens.refreshToken === undefined) {
    context.stderr(
      'oracle-ai: warning: the IdP gave no refresh token: log in again when the access token expires\n',
    );
  }
  context.stderr(
    `Signed in${session.username ? ` as ${printable(session.username)}` : ''} at ${idp.issuer}${session.api ? ` for ${session.api}` : ''}. Session saved in ${store.file}\n`,
  );
}

/** The session being replaced, if it can be read safely (an unsafe file is never used). */
function previousSession(store: SessionStore): Session | undefined {
  try {
    return store.read();
  } catch {
    return undefined;
  }
}

/**
 * Signing in again leaves the previous grant unused but alive until its cap: revoke its refresh
 * token, when it came from the same IdP. A failure is only a warning: the new session works.
 */
async function revokeReplaced(
  replaced: Session | undefined,
  idp: IdentityProvider,
  context: CliContext,
): Promise<void> {
  if (replaced?.refreshToken === undefined || replaced.issuer !== idp.issuer || !idp.canRevoke()) {
    return;
  }
  try {
    await idp.revoke(replaced.refreshToken);
  } catch (error) {
    context.stderr(
      `oracle-ai: warning: the previous session's refresh token could not be revoked (${(error as Error).message})\n`,
    );
  }
}

interface Target {
  api?: string;
  issuer: string;
  /** The API's RFC 9728 metadata, when it was asked for the issuer. */
  resource?: ProtectedResource;
}

/**
 * Flags, then `ORACLE_AI_*`, then the last session's API and issuer (signing in again); the
 * issuer from the API's metadata when none is given.
 */
async function resolveTarget(
  options: LoginOptions,
  settings: CliSettings,
  store: SessionStore,
): Promise<Target> {
  let api = apiFlag(options.api) ?? settings.api;
  let issuer = issuerFlag(options.issuer) ?? settings.issuer;
  if (api === undefined && issuer === undefined) {
    const previous = store.read();
    api = previous?.api;
    issuer = previous?.api === undefined ? previous?.issuer : undefined;
  }
  if (issuer !== undefined) return { api, issuer };
  if (api === undefined) {
    throw new UsageError(
      'login needs the API URL: oracle-ai login --api <URL> (or set ORACLE_AI_API, or give --issuer)',
    );
  }
  const resource = await discoverProtectedResource(api);
  return { api: resource.resource, issuer: resource.issuer, resource };
}

/** `offline_access` is asked for only where the IdP lists it (asking anyway may be refused). */
function scopeFor(scope: string, idp: IdentityProvider, context: CliContext): string {
  const scopes = scope.split(' ');
  if (scopes.includes('offline_access') && !idp.supportsScope('offline_access')) {
    context.stderr(
      `oracle-ai: warning: the IdP does not list offline_access: the session may end with your browser's session at the IdP\n`,
    );
    return scopes.filter((name) => name !== 'offline_access').join(' ');
  }
  return scope;
}

function busyHint(options: LoginOptions, settings: CliSettings): string {
  if (options.port !== undefined) return 'choose another with --port';
  if (settings.ports !== undefined) {
    return 'stop what uses one, or register another http://127.0.0.1:<port>/callback at the IdP and add the port to ORACLE_AI_CLI_PORTS';
  }
  return 'stop what uses them, or set ORACLE_AI_CLI_PORTS';
}

function formatWait(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
