import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdentityProvider } from './identity-provider';

/** A stand-in IdP serving only its discovery document, made from `metadata(origin)`. */
async function discoveryServer(metadata: (origin: string) => object): Promise<[string, Server]> {
  let origin = '';
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(metadata(origin)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return [origin, server];
}

describe('IdentityProvider.discover', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('reads what the IdP supports from its discovery document', async () => {
    const [issuer, server] = await discoveryServer((origin) => ({
      issuer: origin,
      authorization_endpoint: `${origin}/auth`,
      token_endpoint: `${origin}/token`,
      revocation_endpoint: `${origin}/revoke`,
      scopes_supported: ['openid', 'offline_access'],
      dpop_signing_alg_values_supported: ['ES256', 'EdDSA'],
    }));
    servers.push(server);
    const idp = await IdentityProvider.discover(issuer, 'oracle-ai-cli');
    expect(idp.issuer).toBe(issuer);
    expect(idp.clientId).toBe('oracle-ai-cli');
    expect(idp.supportsDpop()).toBe(true);
    expect(idp.canRevoke()).toBe(true);
    expect(idp.supportsScope('offline_access')).toBe(true);
    expect(idp.supportsScope('email')).toBe(false);
  });

  it('assumes nothing the document does not say', async () => {
    const [issuer, server] = await discoveryServer((origin) => ({
      issuer: origin,
      authorization_endpoint: `${origin}/auth`,
      token_endpoint: `${origin}/token`,
    }));
    servers.push(server);
    const idp = await IdentityProvider.discover(issuer, 'oracle-ai-cli');
    expect(idp.supportsDpop()).toBe(false);
    expect(idp.canRevoke()).toBe(false);
    expect(idp.supportsScope('offline_access')).toBe(true);
  });

  it('refuses a document issued for another issuer', async () => {
    const [issuer, server] = await discoveryServer(() => ({
      issuer: 'https://elsewhere.example.com',
      authorization_endpoint: 'https://elsewhere.example.com/auth',
      token_endpoint: 'https://elsewhere.example.com/token',
    }));
    servers.push(server);
    await expect(IdentityProvider.discover(issuer, 'oracle-ai-cli')).rejects.toMatchObject({
      code: 'ERR_OAUTH_INVALID_RESPONSE',
      message: `the IdP at ${issuer}: discovered metadata issuer does not match the expected issuer`,
    });
  });

  it('names the HTTP status when there is no discovery document', async () => {
    const [origin, server] = await discoveryServer(() => ({}));
    servers.push(server);
    await expect(
      IdentityProvider.discover(`${origin}/realms/none`, 'oracle-ai-cli'),
    ).rejects.toMatchObject({
      code: 'ERR_OAUTH_INVALID_RESPONSE',
      message: `the IdP at ${origin}/realms/none: unexpected HTTP response status code (HTTP 404 from ${origin}/realms/none/.well-known/openid-configuration)`,
    });
  });

  it('names the reason when the IdP cannot be reached', async () => {
    const [issuer, server] = await discoveryServer(() => ({}));
    await new Promise((resolve) => server.close(resolve));
    await expect(IdentityProvider.discover(issuer, 'oracle-ai-cli')).rejects.toMatchObject({
      code: 'ERR_IDP_UNAVAILABLE',
      message: `cannot reach the IdP at ${issuer} (ECONNREFUSED)`,
    });
  });

  it('refuses plain http to another machine before any request', async () => {
    await expect(
      IdentityProvider.discover('http://sso.example.com', 'oracle-ai-cli'),
    ).rejects.toMatchObject({
      code: 'ERR_OAUTH_CONFIGURATION',
      message: 'the issuer must use https (http only for localhost), got "http://sso.example.com"',
    });
  });
});
