/**
 * What `login` stores and every later command reads: where the user signed in, the tokens, and
 * the DPoP key the tokens are bound to (when they are). Times are milliseconds since the epoch.
 */
export interface Session {
  /** The API's base URL given at login (routes are under `/api` below it), when one was given. */
  api?: string;
  /** The IdP's issuer identifier: where the refresh token is redeemed and revoked. */
  issuer: string;
  clientId: string;
  /** Who signed in, from the ID token: shown by `login`, never used to decide anything. */
  username?: string;
  accessToken: string;
  tokenType: 'Bearer' | 'DPoP';
  /** When the access token expires by the IdP's `expires_in`; unknown when it sent none. */
  expiresAt?: number;
  refreshToken?: string;
  scope?: string;
  /** The private key (JWK) of a DPoP-bound session: its tokens are useless without it. */
  dpopKey?: JsonWebKey;
  signedInAt: number;
  refreshedAt?: number;
}

/** Bumped when the shape changes incompatibly; a file of another version is reported as damaged. */
export const SESSION_FORMAT = 1;

/** The file's JSON: the session with its format version first. */
export function serializeSession(session: Session): string {
  return `${JSON.stringify({ format: SESSION_FORMAT, ...session }, null, 2)}\n`;
}

/** The session in `json`, or a one-line reason why the file is not one. */
export function parseSession(json: string): Session | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problem: 'not JSON' };
  }
  if (!isRecord(value)) return { problem: 'not a JSON object' };
  if (value['format'] !== SESSION_FORMAT) return { problem: `not format ${SESSION_FORMAT}` };
  const problems = [
    check(value, 'issuer', isHttpUrl),
    check(value, 'clientId', isNonEmptyString),
    check(value, 'accessToken', isNonEmptyString),
    check(value, 'tokenType', (v) => v === 'Bearer' || v === 'DPoP'),
    check(value, 'signedInAt', isTime),
    checkOptional(value, 'api', isHttpUrl),
    checkOptional(value, 'username', isNonEmptyString),
    checkOptional(value, 'expiresAt', isTime),
    checkOptional(value, 'refreshToken', isNonEmptyString),
    checkOptional(value, 'scope', (v) => typeof v === 'string'),
    checkOptional(value, 'dpopKey', isPrivateJwk),
    checkOptional(value, 'refreshedAt', isTime),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) return { problem: problems.join(', ') };
  if (value['tokenType'] === 'DPoP' && value['dpopKey'] === undefined) {
    return { problem: 'a DPoP session without its key' };
  }
  const session: Record<string, unknown> = { ...value };
  delete session['format'];
  return session as unknown as Session;
}

function check(
  record: Record<string, unknown>,
  key: string,
  valid: (value: unknown) => boolean,
): string | undefined {
  return valid(record[key]) ? undefined : `bad "${key}"`;
}

function checkOptional(
  record: Record<string, unknown>,
  key: string,
  valid: (value: unknown) => boolean,
): string | undefined {
  return record[key] === undefined ? undefined : check(record, key, valid);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPrivateJwk(value: unknown): boolean {
  return isRecord(value) && typeof value['kty'] === 'string' && typeof value['d'] === 'string';
}
