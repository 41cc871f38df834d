import { loadDpopConfig } from './dpop-config';
import { ConfigError } from '@oracle-ai/shared/util-env';

describe('loadDpopConfig', () => {
  it('reads every variable', () => {
    expect(
      loadDpopConfig({
        AUTH_DPOP: 'required',
        AUTH_DPOP_ALGORITHMS: 'ES256,RS256',
        AUTH_DPOP_MAX_AGE_S: '30',
        AUTH_DPOP_REPLAY_STORE: 'redis://127.0.0.1:6379',
        AUTH_DPOP_NONCE: 'on',
        AUTH_DPOP_NONCE_SECRET: 'n'.repeat(32),
      }),
    ).toEqual({
      mode: 'required',
      algorithms: ['ES256', 'RS256'],
      maxAgeS: 30,
      replayStore: { kind: 'redis', url: 'redis://127.0.0.1:6379' },
      nonceSecret: 'n'.repeat(32),
    });
  });

  it('keeps no secret when nonces are off', () => {
    expect(loadDpopConfig({ AUTH_DPOP_NONCE_SECRET: 'n'.repeat(40) }).nonceSecret).toBeUndefined();
  });

  it.each([
    [{ AUTH_DPOP: 'on' }, 'AUTH_DPOP must be one of off, allowed, required'],
    [{ AUTH_DPOP_ALGORITHMS: 'HS256' }, 'AUTH_DPOP_ALGORITHMS contains "HS256"'],
    [{ AUTH_DPOP_ALGORITHMS: 'none' }, 'AUTH_DPOP_ALGORITHMS contains "none"'],
    [{ AUTH_DPOP_MAX_AGE_S: '0' }, 'AUTH_DPOP_MAX_AGE_S must be a whole number from 1 to 300'],
    [{ AUTH_DPOP_REPLAY_STORE: 'redis' }, 'AUTH_DPOP_REPLAY_STORE must be "memory" or a redis'],
    [{ AUTH_DPOP_REPLAY_STORE: 'http://127.0.0.1:6379' }, 'AUTH_DPOP_REPLAY_STORE must be'],
    [{ AUTH_DPOP_NONCE: 'on' }, 'AUTH_DPOP_NONCE_SECRET must be set to at least 32 characters'],
    [{ AUTH_DPOP_NONCE: 'on', AUTH_DPOP_NONCE_SECRET: 'short' }, 'AUTH_DPOP_NONCE_SECRET must'],
  ])('%p → %p', (env, message) => {
    expect(() => loadDpopConfig(env)).toThrow(ConfigError);
    expect(() => loadDpopConfig(env)).toThrow(message);
  });
});
