import { SigningKeyRing } from './signing-keys';

describe('SigningKeyRing', () => {
  it('starts with one private RS256 signing key', async () => {
    const ring = await SigningKeyRing.create();
    const [key] = ring.privateJwks.keys;
    expect(ring.privateJwks.keys).toHaveLength(1);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: ring.currentKid });
    expect(key.d).toBeDefined();
  });

  it('keeps the previous key published after a rotation, behind the new one', async () => {
    const ring = await SigningKeyRing.create();
    const first = ring.currentKid;
    await ring.rotate();
    expect(ring.currentKid).not.toBe(first);
    expect(ring.publishedKids).toEqual([ring.currentKid, first]);
    await ring.rotate();
    expect(ring.publishedKids).toHaveLength(2);
  });

  it('drops the previous key on request', async () => {
    const ring = await SigningKeyRing.create();
    await ring.rotate({ dropPrevious: true });
    expect(ring.publishedKids).toEqual([ring.currentKid]);
  });
});
