import Fastify from 'fastify';
import { protectedResourceMetadata, resourceMetadataUrl } from './protected-resource-metadata';

describe('protectedResourceMetadata', () => {
  it('serves RFC 9728 metadata naming the resource and its issuer, publicly cacheable', async () => {
    const app = Fastify();
    await app.register(protectedResourceMetadata, {
      resource: 'https://api.example.com/oracle-ai',
      authorizationServers: ['https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai'],
      dpop: { mode: 'off', algorithms: ['ES256'] },
    });
    const response = await app.inject('/.well-known/oauth-protected-resource');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      resource: 'https://api.example.com/oracle-ai',
      authorization_servers: ['https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai'],
      bearer_methods_supported: ['header'],
      resource_name: 'Oracle AI API',
    });
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    await app.close();
  });

  it.each([
    [
      'allowed',
      {
        dpop_signing_alg_values_supported: ['ES256', 'EdDSA'],
        dpop_bound_access_tokens_required: false,
      },
    ],
    [
      'required',
      {
        dpop_signing_alg_values_supported: ['ES256', 'EdDSA'],
        dpop_bound_access_tokens_required: true,
      },
    ],
  ] as const)(
    'with DPoP %s, names the proof algorithms (RFC 9449 §5.1)',
    async (mode, expected) => {
      const app = Fastify();
      await app.register(protectedResourceMetadata, {
        resource: 'https://api.example.com',
        authorizationServers: ['https://sso.example.com'],
        dpop: { mode, algorithms: ['ES256', 'EdDSA'] },
      });
      expect((await app.inject('/.well-known/oauth-protected-resource')).json()).toMatchObject(
        expected,
      );
      await app.close();
    },
  );

  it('names the metadata under the resource URL, path kept: what every 401 challenge points to', () => {
    expect(resourceMetadataUrl('https://api.example.com/oracle-ai')).toBe(
      'https://api.example.com/oracle-ai/.well-known/oauth-protected-resource',
    );
  });
});
