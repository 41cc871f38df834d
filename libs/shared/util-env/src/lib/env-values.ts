import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/** Environment variables as the process got them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A configuration value is missing or invalid. The message starts with the variable's name, so a
 * server can print it as its one line of refusal; values in it are always {@link quoted}.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** Longest excerpt of a value a message shows: a refusal stays one readable line. */
const SHOWN_LENGTH = 100;

/**
 * A value as a message may show it: JSON-quoted, so a newline or a control character can never
 * start a forged log line, and cut to {@link SHOWN_LENGTH} characters.
 */
export function quoted(value: string): string {
  const excerpt =
    value.length > SHOWN_LENGTH
      ? `${value.slice(0, SHOWN_LENGTH)}… (${value.length} characters)`
      : value;
  return JSON.stringify(excerpt);
}

/** Hosts where plain http is tolerated (development); everything else must use TLS. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a URL's `hostname` is a loopback name, the only place plain http is accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/** The value, or undefined when unset or (after trimming, by default) empty. */
export function optional(env: Env, name: string, { trim = true } = {}): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = trim ? raw.trim() : raw;
  return value === '' ? undefined : value;
}

export function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required');
  return value;
}

/** A comma-separated list, trimmed, without empty items or duplicates; `fallback` when unset. */
export function list(env: Env, name: string, fallback: string | undefined): string[] {
  const raw = optional(env, name) ?? fallback;
  if (raw === undefined) throw new ConfigError(name, 'is required');
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new ConfigError(name, 'must list at least one value');
  return [...new Set(items)];
}

export function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(
      name,
      `must be a whole number from ${min} to ${max} (got ${quoted(raw)})`,
    );
  }
  return Number(raw);
}

/** A decimal from 0 to 1, e.g. `0.95`. */
export function fraction(env: Env, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(raw)) {
    throw new ConfigError(name, `must be a decimal from 0 to 1 (got ${quoted(raw)})`);
  }
  return Number(raw);
}

export function oneOf<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got ${quoted(raw)})`);
  }
  return raw as T;
}

/** `true` / `false`. */
export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = oneOf(env, name, ['true', 'false'], fallback ? 'true' : 'false');
  return value === 'true';
}

/** `on` / `off`. */
export function onOff(env: Env, name: string, fallback: boolean): boolean {
  return oneOf(env, name, ['on', 'off'], fallback ? 'on' : 'off') === 'on';
}

/**
 * An absolute http(s) URL: https, or http to a loopback host only (development); no credentials,
 * fragment, space or control character; a host that is a DNS name or an IP address. Returned as
 * written.
 */
export function httpsUrl(env: Env, name: string, fallback?: string): string {
  const raw = optional(env, name) ?? fallback;
  if (raw === undefined) throw new ConfigError(name, 'is required');
  // The URL parser drops tabs and newlines without a word; the value would be used as written.
  if (/[\s\p{Cc}]/u.test(raw)) {
    throw new ConfigError(
      name,
      `must not contain spaces or control characters (got ${quoted(raw)})`,
    );
  }
  const url = URL.parse(raw);
  if (url === null) throw new ConfigError(name, `must be an absolute URL (got ${quoted(raw)})`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(
      name,
      `must use https (http is allowed for localhost only; got ${quoted(raw)})`,
    );
  }
  if (url.username || url.password || url.hash) {
    throw new ConfigError(name, `must not contain credentials or a fragment (got ${quoted(raw)})`);
  }
  if (!isHostName(url.hostname)) {
    throw new ConfigError(
      name,
      `must name its host by a DNS name or an IP address (got ${quoted(raw)})`,
    );
  }
  return raw;
}

/** {@link httpsUrl}, or undefined when unset. */
export function optionalHttpsUrl(env: Env, name: string): string | undefined {
  return optional(env, name) === undefined ? undefined : httpsUrl(env, name);
}

const DNS_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;

/** A DNS name (labels of at most 63 characters, 253 in all) or an IP address (bracketed IPv6 too). */
export function isHostName(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIP(bare) !== 0 || DNS_NAME.test(host);
}

/** An address to listen on: an IP address or a host name. */
export function listenHost(env: Env, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  if (!isHostName(value)) {
    throw new ConfigError(name, `must be an IP address or a host name (got ${quoted(value)})`);
  }
  return value;
}

/** A TCP port from `min` (1 by default; 0 asks the system for a free one) to 65535. */
export function port(env: Env, name: string, fallback: number, { min = 1 } = {}): number {
  return integer(env, name, fallback, min, 65535);
}

/**
 * The content of the file a `*_FILE` variable names (a secret, a CA bundle, a prompt), with
 * surrounding whitespace trimmed unless `trim: false`; undefined when the variable is unset. An
 * unreadable or empty file is refused. The content itself never appears in a message.
 */
export function fileContent(
  env: Env,
  name: string,
  { trim = true }: { trim?: boolean } = {},
): string | undefined {
  const path = optional(env, name);
  if (path === undefined) return undefined;
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(name, `names a file that cannot be read (${quoted(path)}: ${reason})`);
  }
  const value = trim ? content.trim() : content;
  if (value.trim() === '') throw new ConfigError(name, `names an empty file (${quoted(path)})`);
  return value;
}
