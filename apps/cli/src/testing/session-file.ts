import { readFileSync } from 'node:fs';

export interface StoredSession {
  api?: string;
  issuer: string;
  accessToken: string;
  tokenType: string;
  expiresAt?: number;
  refreshToken?: string;
  refreshedAt?: number;
  dpopKey?: JsonWebKey;
}

export function readSession(file: string): StoredSession {
  return JSON.parse(readFileSync(file, 'utf8')) as StoredSession;
}

/**
 * Resolves once the session's access token is within the command line's refresh margin (60 s
 * before it expires): tests run the dev IdP with a token lifetime just above it, so this is a
 * second or two.
 */
export async function refreshDue(file: string, marginMs = 60_000): Promise<void> {
  const { expiresAt } = readSession(file);
  if (expiresAt === undefined) throw new Error('the session has no expiry');
  const wait = expiresAt - marginMs - Date.now() + 20;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
