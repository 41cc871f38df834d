import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

const SWEEP_EVERY_WRITES = 500;

/**
 * One in-memory store for every provider instance built by a dev IdP server, so sessions, grants
 * and tokens survive when a key rotation swaps the provider (oidc-provider's own memory adapter
 * is private to one instance). Lost on restart, which is what a dev IdP wants.
 */
export function createMemoryAdapterFactory(): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  let writes = 0;

  const read = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry?.payload;
  };

  const sweepExpired = () => {
    const now = Date.now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= now) {
        entries.delete(key);
      }
    }
  };

  return (model) => {
    const prefix = `${model}:`;
    const findWhere = (matches: (payload: AdapterPayload) => boolean) => {
      for (const key of entries.keys()) {
        const payload = key.startsWith(prefix) ? read(key) : undefined;
        if (payload && matches(payload)) {
          return payload;
        }
      }
      return undefined;
    };

    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % SWEEP_EVERY_WRITES === 0) {
          sweepExpired();
        }
        entries.set(prefix + id, {
          payload,
          expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY,
        });
      },
      async find(id) {
        return read(prefix + id);
      },
      async findByUid(uid) {
        return findWhere((payload) => payload.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere((payload) => payload.userCode === userCode);
      },
      async consume(id) {
        const payload = read(prefix + id);
        if (payload) {
          payload.consumed = Math.floor(Date.now() / 1000);
        }
      },
      async destroy(id) {
        entries.delete(prefix + id);
      },
      async revokeByGrantId(grantId) {
        for (const [key, entry] of entries) {
          if (key.startsWith(prefix) && entry.payload.grantId === grantId) {
            entries.delete(key);
          }
        }
      },
    };
  };
}
