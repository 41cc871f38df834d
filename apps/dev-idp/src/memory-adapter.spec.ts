import { createMemoryAdapterFactory } from './memory-adapter';

describe('createMemoryAdapterFactory', () => {
  it('shares one store between adapters made by the same factory', async () => {
    const factory = createMemoryAdapterFactory();
    await factory('Session').upsert('s1', { uid: 'u1' }, 60);
    expect(await factory('Session').find('s1')).toEqual({ uid: 'u1' });
    expect(await factory('Session').findByUid('u1')).toEqual({ uid: 'u1' });
    expect(await factory('AccessToken').find('s1')).toBeUndefined();
    expect(await createMemoryAdapterFactory()('Session').find('s1')).toBeUndefined();
  });

  it('forgets entries once expired', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const adapter = createMemoryAdapterFactory()('AccessToken');
      await adapter.upsert('t1', { grantId: 'g1' }, 10);
      jest.setSystemTime(9_999);
      expect(await adapter.find('t1')).toBeDefined();
      jest.setSystemTime(10_000);
      expect(await adapter.find('t1')).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('marks consumed entries and revokes by grant for its own model only', async () => {
    const factory = createMemoryAdapterFactory();
    const refreshTokens = factory('RefreshToken');
    const accessTokens = factory('AccessToken');
    await refreshTokens.upsert('r1', { grantId: 'g1' }, 60);
    await refreshTokens.upsert('r2', { grantId: 'g2' }, 60);
    await accessTokens.upsert('a1', { grantId: 'g1' }, 60);

    await refreshTokens.consume('r1');
    expect((await refreshTokens.find('r1'))?.consumed).toEqual(expect.any(Number));

    await refreshTokens.revokeByGrantId('g1');
    expect(await refreshTokens.find('r1')).toBeUndefined();
    expect(await refreshTokens.find('r2')).toBeDefined();
    expect(await accessTokens.find('a1')).toBeDefined();

    await refreshTokens.destroy('r2');
    expect(await refreshTokens.find('r2')).toBeUndefined();
  });
});
