import { networkReason, printable } from '@oracle-ai/cli/util-messages';
import type { ProtectedResourceMetadata } from '@oracle-ai/shared/util-api-contract';
import { checkedUrl, IDP_TIMEOUT_S } from './identity-provider';
import { OAuthError } from './oauth-error';

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** What the CLI learns from the API's RFC 9728 metadata. */
export interface ProtectedResource {
  /** The API's base URL as the API names itself. */
  resource: string;
  /** The issuer whose tokens the API accepts (the first one it lists). */
  issuer: string;
  /** The API accepts DPoP-bound tokens only. */
  dpopRequired: boolean;
}

/**
 * Reads which IdP protects the API at `api` (RFC 9728), so that a user needs to know one URL.
 * The metadata is looked up where §3.1 puts it (`/.well-known/oauth-protected-resource` inserted
 * before the API's path), then, for an API below a path, where this API serves it itself. Its
 * `resource` must be the API's URL exactly (§3.3): metadata copied from another API cannot send
 * the user's login to another IdP.
 */
export async function discoverProtectedResource(api: string): Promise<ProtectedResource> {
  const base = normalizedApiUrl(api);
  const url = new URL(base);
  const path = url.pathname === '/' ? '' : url.pathname;
  const candidates = [`${url.origin}${WELL_KNOWN}${path}`];
  if (path !== '') candidates.push(`${base}${WELL_KNOWN}`);

  let response: Response | undefined;
  for (const candidate of candidates) {
    try {
      response = await fetch(candidate, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(IDP_TIMEOUT_S * 1000),
      });
    } catch (error) {
      throw new OAuthError(
        'ERR_IDP_UNAVAILABLE',
        `cannot reach the API at ${base} (${networkReason(error)})`,
      );
    }
    if (response.status !== 404) break;
    await response.body?.cancel();
  }
  if (!response?.ok) {
    await response?.body?.cancel();
    throw new OAuthError(
      'ERR_IDP_UNAVAILABLE',
      `the API at ${base} does not say which IdP it trusts (HTTP ${response?.status} from ${candidates.at(-1)}): pass --issuer`,
    );
  }
  const metadata = await readMetadata(response, base);
  if (normalizedApiUrl(metadata.resource, `the resource the API at ${base} names`) !== base) {
    throw new OAuthError(
      'ERR_OAUTH_CONFIGURATION',
      `the API at ${base} calls itself ${printable(metadata.resource)}: use --api ${printable(metadata.resource)}`,
    );
  }
  return {
    resource: base,
    issuer: metadata.authorization_servers[0],
    dpopRequired: metadata.dpop_bound_access_tokens_required === true,
  };
}

/** The API's base URL without a trailing slash, as the API writes its `resource`. */
export function normalizedApiUrl(api: string, what = 'the API URL'): string {
  const url = checkedUrl(api, what);
  url.search = '';
  return url.href.replace(/\/+$/, '');
}

async function readMetadata(response: Response, base: string): Promise<ProtectedResourceMetadata> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const metadata = body as Partial<ProtectedResourceMetadata> | undefined;
  const servers = metadata?.authorization_servers;
  if (
    typeof metadata?.resource !== 'string' ||
    !Array.isArray(servers) ||
    servers.length === 0 ||
    !servers.every((server) => typeof server === 'string')
  ) {
    throw new OAuthError(
      'ERR_IDP_UNAVAILABLE',
      `the API at ${base} sent no usable RFC 9728 metadata (resource, authorization_servers): pass --issuer`,
    );
  }
  return metadata as ProtectedResourceMetadata;
}
