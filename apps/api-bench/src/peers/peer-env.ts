import type { MeResponse } from '@oracle-ai/shared/util-api-contract';

/** What every peer server is told by the bench, through the same env vars the API reads. */
export interface PeerEnv {
  host: string;
  port: number;
  issuer: string;
  audience: string;
}

/** The group `/api/me` requires, as in the API's default `AUTH_REQUIRED_GROUPS`. */
export const REQUIRED_GROUP = 'database';

const CHAT_GROUPS = ['oracle-ai-users', 'oracle-ai-admins'];

export function readPeerEnv(env: NodeJS.ProcessEnv = process.env): PeerEnv {
  const issuer = env['AUTH_ISSUER'];
  const audience = env['AUTH_AUDIENCE'];
  const port = Number(env['PORT']);
  if (!issuer || !audience || !Number.isInteger(port)) {
    console.error('peer: AUTH_ISSUER, AUTH_AUDIENCE and PORT are required');
    process.exit(1);
  }
  return { host: env['HOST'] ?? '127.0.0.1', port, issuer, audience };
}

export function groupsOf(claims: Record<string, unknown>): string[] {
  const groups = claims['groups'];
  return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
}

/** The same body the API answers on `/api/me`, so every server serialises the same bytes. */
export function meBody(claims: Record<string, unknown>): MeResponse {
  const groups = groupsOf(claims);
  const text = (name: string) => (typeof claims[name] === 'string' ? claims[name] : undefined);
  return {
    sub: String(claims['sub']),
    username: text('preferred_username') ?? String(claims['sub']),
    ...(text('name') !== undefined && { name: text('name') }),
    ...(text('email') !== undefined && { email: text('email') }),
    groups,
    access: { chat: groups.some((g) => CHAT_GROUPS.includes(g)), analytics: true },
    expiresAt: new Date(Number(claims['exp']) * 1000).toISOString(),
    dpopBound: claims['cnf'] !== undefined,
  };
}

/** Peers stop on SIGTERM/SIGINT like the API does, so the bench can end them cleanly. */
export function closeOnSignals(close: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
}
