import Fastify from 'fastify';
import { protectedResourceMetadata, resourceMetadataUrl } from './protected-resource-metadata';

describe('protectedResourceMetadata', () => {
  it('serves RFC 9728 metadata naming the resource and its issuer, publicly cacheable', async () => {
    const app = Fastify();
    await app.register(protectedResourceMetadata, {
      resource: 'https://api.example.com/oracle-ai',
      authorizationServers: ['https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai'],
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

  it('names the metadata under the resource URL, path kept: what every 401 challenge points to', () => {
    expect(resourceMetadataUrl('https://api.example.com/oracle-ai')).toBe(
      'https://api.example.com/oracle-ai/.well-known/oauth-protected-resource',
    );
  });
});
