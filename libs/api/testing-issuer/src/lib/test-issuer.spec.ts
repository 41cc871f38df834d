import { decodeProtectedHeader, decodeJwt } from 'jose';
import { TestIssuer } from './test-issuer';

describe('TestIssuer', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start({ path: '/affwebservices/CASSO/oidc/oracle-ai' });
  });

  afterAll(() => issuer.stop());

  it('serves discovery naming itself under a path-based issuer, and its JWKS', async () => {
    const discovery = await (
      await fetch(`${issuer.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(discovery).toMatchObject({ issuer: issuer.issuer, jwks_uri: issuer.jwksUri });
    const jwks = await (await fetch(issuer.jwksUri)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(issuer.count('/jwks')).toBe(1);
  });

  it('mints at+jwt tokens with the current key, overridable claims and omissions', async () => {
    const token = await issuer.mint({ claims: { sub: 'bob' }, omit: ['email'] });
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: 'RS256',
      kid: issuer.currentKey.kid,
      typ: 'at+jwt',
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: issuer.issuer, aud: 'oracle-ai-api', sub: 'bob' });
    expect(claims).not.toHaveProperty('email');
  });

  it('rotates keys and simulates outages', async () => {
    const previous = issuer.currentKey.kid;
    const next = await issuer.rotate();
    expect(issuer.jwks.keys.map((key) => key.kid)).toEqual([next.kid, previous]);
    await issuer.rotate({ dropOld: true });
    expect(issuer.jwks.keys).toHaveLength(1);
    issuer.setOutage('error');
    expect((await fetch(issuer.jwksUri)).status).toBe(500);
    issuer.setOutage('none');
    expect((await fetch(issuer.jwksUri)).status).toBe(200);
  });
});
