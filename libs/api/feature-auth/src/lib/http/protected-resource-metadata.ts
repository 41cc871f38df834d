import fp from 'fastify-plugin';
import type { DpopMode } from '@oracle-ai/api/util-config';
import type { ProtectedResourceMetadata } from '@oracle-ai/shared/util-api-contract';

export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

export interface ProtectedResourceMetadataOptions {
  /** The API's public base URL: the resource identifier. */
  resource: string;
  /** The issuers whose tokens are accepted (the API trusts exactly one). */
  authorizationServers: readonly string[];
  /** DPoP (RFC 9449): the proof algorithms, unless off, and whether only bound tokens pass. */
  dpop: { mode: DpopMode; algorithms: readonly string[] };
}

/**
 * Where this API serves its metadata, below its public URL; every 401 challenge names it
 * (RFC 9728 §5.1). For a resource at the host's root this is also the well-known location of
 * §3.1; behind a path prefix, §3.1 puts it at `/.well-known/oauth-protected-resource/<prefix>`,
 * which the proxy in front must route here for clients that look it up without a challenge.
 */
export function resourceMetadataUrl(resource: string): string {
  return `${resource}${PROTECTED_RESOURCE_METADATA_PATH}`;
}

/**
 * RFC 9728 protected-resource metadata: tells a client (or a gateway) which authorization server
 * issues the tokens this API accepts, and how to present them — every 401 challenge points here.
 * Public and cacheable: it changes only with configuration.
 */
export const protectedResourceMetadata = fp<ProtectedResourceMetadataOptions>(
  async (app, options) => {
    const metadata: ProtectedResourceMetadata = {
      resource: options.resource,
      authorization_servers: [...options.authorizationServers],
      bearer_methods_supported: ['header'],
      resource_name: 'Oracle AI API',
      ...(options.dpop.mode !== 'off' && {
        dpop_signing_alg_values_supported: [...options.dpop.algorithms],
        dpop_bound_access_tokens_required: options.dpop.mode === 'required',
      }),
    };
    app.get(
      PROTECTED_RESOURCE_METADATA_PATH,
      {
        config: { auth: { public: true } },
        schema: {
          summary: 'OAuth 2.0 protected-resource metadata (RFC 9728)',
          tags: ['meta'],
          response: { 200: METADATA_SCHEMA },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return metadata;
      },
    );
  },
  { fastify: '5.x', name: 'oracle-ai-protected-resource-metadata' },
);

const METADATA_SCHEMA = {
  description: 'Who protects this API and how tokens are presented',
  type: 'object',
  required: ['resource', 'authorization_servers', 'bearer_methods_supported'],
  additionalProperties: false,
  properties: {
    resource: { type: 'string', format: 'uri' },
    authorization_servers: { type: 'array', items: { type: 'string', format: 'uri' } },
    bearer_methods_supported: { type: 'array', items: { type: 'string', enum: ['header'] } },
    resource_name: { type: 'string' },
    dpop_signing_alg_values_supported: { type: 'array', items: { type: 'string' } },
    dpop_bound_access_tokens_required: { type: 'boolean' },
  },
} as const;
