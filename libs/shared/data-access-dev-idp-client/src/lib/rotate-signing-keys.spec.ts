import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { rotateSigningKeys } from './rotate-signing-keys';

// Runs the built dev IdP: `nx test` builds it first (see project.json).
jest.setTimeout(30_000);

describe('rotateSigningKeys', () => {
  let idp: RunningDevIdp;

  beforeAll(async () => {
    idp = await startDevIdp({ enableTestEndpoints: true });
  });

  afterAll(async () => {
    await idp.stop();
  });

  it('makes a new key current and keeps the previous one published', async () => {
    const rotated = await rotateSigningKeys(idp.issuer);
    expect(rotated.publishedKids).toHaveLength(2);
    expect(rotated.publishedKids[0]).toBe(rotated.kid);
  });

  it('drops the previous key at once with dropPrevious', async () => {
    const rotated = await rotateSigningKeys(idp.issuer, { dropPrevious: true });
    expect(rotated.publishedKids).toEqual([rotated.kid]);
  });

  it('is refused by a dev IdP without the test endpoints', async () => {
    const plain = await startDevIdp();
    try {
      await expect(rotateSigningKeys(plain.issuer)).rejects.toMatchObject({
        code: 'ERR_DEV_IDP_ROTATION_REFUSED',
      });
    } finally {
      await plain.stop();
    }
  });
});
