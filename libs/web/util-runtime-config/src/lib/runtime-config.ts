/** What `/config.json` holds: one build, one file per environment. */
export interface RuntimeConfig {
  /** Exact OpenID Provider issuer; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Base URL of the API (routes live under `/api` below it). The bearer goes here and nowhere else. */
  apiBaseUrl: string;
  scope: string;
  /** Extra authorization/token request parameters some IdPs need (e.g. SiteMinder's `authentication_method`). */
  customQueryParams: Record<string, string>;
  /** Use DPoP (RFC 9449) sender-constrained tokens when the IdP advertises it; `false` unless set. */
  dpop: boolean;
}

/**
 * A problem with a key starts with that key (`issuer must use https`), so a caller that assembled
 * the object from other sources, like the web server from `WEB_*` variables, can name the source.
 */
export class RuntimeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid runtime configuration: ${problems.join('; ')}`);
    this.name = 'RuntimeConfigError';
  }
}

const KNOWN_KEYS: readonly string[] = [
  'issuer',
  'clientId',
  'apiBaseUrl',
  'scope',
  'customQueryParams',
  'dpop',
];

/** Parameters the OAuth client sets itself; letting config override them would break the flow's security. */
const RESERVED_QUERY_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'code_verifier',
  'code',
  'grant_type',
  'refresh_token',
  'prompt',
  // RFC 9449 §10: would bind the authorization code to a key this page does not hold.
  'dpop_jkt',
];

/** Host names (as `URL.hostname` spells them) that are this machine: plain http never leaves it. */
const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Where plain http is accepted: loopback only. `angular-oauth2-oidc` (requireHttps 'remoteOnly')
 * exempts only `http://localhost`, so the issuer must use that name; the API may use any.
 */
const HTTP_ALLOWED_HOSTS: Record<'issuer' | 'apiBaseUrl', readonly string[]> = {
  issuer: ['localhost'],
  apiBaseUrl: LOOPBACK_HOSTS,
};

/** Checks untrusted JSON and returns a normalised config, or throws listing every problem found. */
export function validateRuntimeConfig(raw: unknown): RuntimeConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new RuntimeConfigError(['config.json must contain a JSON object']);
  }
  const input = raw as Record<string, unknown>;
  const problems: string[] = [];

  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(`unknown key "${key}"`);
  }

  const issuer = checkUrl('issuer', input['issuer'], problems);
  const apiBaseUrl = checkUrl('apiBaseUrl', input['apiBaseUrl'], problems);

  const clientId = input['clientId'];
  if (typeof clientId !== 'string' || clientId.trim() === '') {
    problems.push('clientId must be a non-empty string');
  }

  const scope = input['scope'];
  if (typeof scope !== 'string' || !scope.split(/\s+/).includes('openid')) {
    problems.push('scope must be a space-separated string that includes "openid"');
  }

  const customQueryParams = checkCustomQueryParams(input['customQueryParams'], problems);

  const dpop = input['dpop'] ?? false;
  if (typeof dpop !== 'boolean') problems.push('dpop must be true or false');

  if (problems.length > 0) throw new RuntimeConfigError(problems);
  return {
    issuer: issuer as string,
    clientId: clientId as string,
    apiBaseUrl: apiBaseUrl as string,
    scope: (scope as string).trim(),
    customQueryParams,
    dpop: dpop as boolean,
  };
}

function checkUrl(
  name: 'issuer' | 'apiBaseUrl',
  value: unknown,
  problems: string[],
): string | undefined {
  if (typeof value !== 'string' || value === '') {
    problems.push(`${name} must be an absolute URL`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} must be an absolute URL (got "${value}")`);
    return undefined;
  }
  const before = problems.length;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`${name} must use https`);
  } else if (url.protocol === 'http:' && !HTTP_ALLOWED_HOSTS[name].includes(url.hostname)) {
    problems.push(
      `${name} must use https (plain http is allowed only for ${HTTP_ALLOWED_HOSTS[name].join(', ')})`,
    );
  }
  if (url.username || url.password) problems.push(`${name} must not contain credentials`);
  if (url.search || url.hash) problems.push(`${name} must not contain a query or fragment`);
  if (problems.length > before) return undefined;
  // The issuer is compared byte for byte with `iss`, so keep it as written (minus a trailing slash
  // on the API base, which only serves as a prefix).
  return name === 'issuer' ? value : value.replace(/\/+$/, '');
}

function checkCustomQueryParams(value: unknown, problems: string[]): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('customQueryParams must be an object of string values');
    return {};
  }
  const params: Record<string, string> = {};
  for (const [key, paramValue] of Object.entries(value)) {
    if (RESERVED_QUERY_PARAMS.includes(key)) {
      problems.push(`customQueryParams must not set "${key}"`);
    } else if (typeof paramValue !== 'string') {
      problems.push(`customQueryParams.${key} must be a string`);
    } else {
      params[key] = paramValue;
    }
  }
  return params;
}
