import { printable } from '@oracle-ai/cli/util-messages';
import { apiForSession } from './api-for-session';
import type { CliContext } from './cli-context';
import { readCliSettings } from './cli-settings';
import { freshSession } from './fresh-session';
import { sessionStoreFor } from './session-store-for';
import { apiFlag } from './url-flag';

export interface WhoamiOptions {
  api?: string;
  /** The whole `/api/me` answer as JSON instead. */
  json: boolean;
}

/**
 * `oracle-ai whoami`: `GET /api/me` with the session's token, the way the API sees the caller.
 * The username is the first line, alone, so `oracle-ai whoami | head -1` is the username.
 */
export async function whoami(options: WhoamiOptions, context: CliContext): Promise<void> {
  const override = apiFlag(options.api) ?? readCliSettings(context.env).api;
  const session = await freshSession(sessionStoreFor(context), context);
  const api = await apiForSession(session, override);
  const me = await api.me(context.signal);
  if (options.json) {
    context.stdout(`${JSON.stringify(me, null, 2)}\n`);
    return;
  }
  const access = Object.entries(me.access ?? {})
    .filter(([, allowed]) => allowed === true)
    .map(([area]) => area);
  const lines = [
    printable(String(me.username)),
    me.name && `name:     ${printable(me.name)}`,
    me.email && `email:    ${printable(me.email)}`,
    `groups:   ${(me.groups ?? []).map((group) => printable(group)).join(', ') || 'none'}`,
    `access:   ${access.join(', ') || 'none'}`,
    `token:    ${me.dpopBound ? 'DPoP-bound' : 'Bearer'}, expires ${printable(String(me.expiresAt))}`,
    `api:      ${api.baseUrl}`,
    `issuer:   ${session.issuer}`,
  ];
  context.stdout(`${lines.filter((line) => line).join('\n')}\n`);
}
