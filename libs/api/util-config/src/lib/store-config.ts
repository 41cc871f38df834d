import { ConfigError, optional, quoted, type Env } from '@oracle-ai/shared/util-env';

/** Where instances keep state that must hold across requests: per instance, or shared through Redis. */
export type StoreConfig = { kind: 'memory' } | { kind: 'redis'; url: string };

/** `memory` (the default) or a `redis://` / `rediss://` URL. */
export function storeConfig(env: Env, name: string): StoreConfig {
  const raw = optional(env, name) ?? 'memory';
  if (raw === 'memory') return { kind: 'memory' };
  const url = URL.parse(raw);
  if (url === null || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    throw new ConfigError(name, `must be "memory" or a redis://host:port URL (got ${quoted(raw)})`);
  }
  return { kind: 'redis', url: raw };
}
