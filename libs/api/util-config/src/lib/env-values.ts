/** Environment variables as the process got them. */
export type Env = Record<string, string | undefined>;

/** A configuration value is missing or invalid; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
  }
}

/** Hosts where plain http is tolerated (development); everything else must use TLS. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL's `hostname` is a loopback name, the only place plain http is accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

export function optional(env: Env, name: string, { trim = true } = {}): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = trim ? raw.trim() : raw;
  return value === '' ? undefined : value;
}

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
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
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
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

/** http(s) only; plain http only on loopback (RFC 9700 §2.6: keys and discovery over TLS). */
export function requireUrl(env: Env, name: string): string {
  const raw = optional(env, name);
  if (raw === undefined) throw new ConfigError(name, 'is required');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute URL (got "${raw}")`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(
      name,
      `must use https (http is allowed for localhost only; got "${raw}")`,
    );
  }
  if (url.username || url.password || url.hash) {
    throw new ConfigError(name, `must not contain credentials or a fragment (got "${raw}")`);
  }
  return raw;
}
