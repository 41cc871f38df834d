import { isLoopbackHost } from '@oracle-ai/shared/util-env';
import type { AuthTelemetry, IdpDocument } from '../auth-telemetry';

/** Where the signing keys come from: OIDC discovery, a fixed JWKS URL, or a static set. */
export type JwksSourceOptions =
  | { kind: 'discovery'; issuer: string }
  | { kind: 'uri'; jwksUri: string }
  | { kind: 'static'; jwks: { keys: unknown[] } };

export interface JwkSet {
  keys: Record<string, unknown>[];
}

export type FetchLike = (
  input: string,
  init: { signal: AbortSignal; headers: Record<string, string>; redirect: 'manual' },
) => Promise<Response>;

/** A response larger than this is not a JWK Set anyone should trust; reading stops past it. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

/** Thrown when the IdP cannot be reached or answers with something unusable. */
export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
}

/**
 * Loads JWK Sets from one configured source. Discovery is resolved once and remembered;
 * when it fails it is retried on the next load.
 *
 * Every fetch is hostile-input handling: redirects are never followed (a redirect to another
 * origin that repeats the issuer would otherwise get its own keys trusted — RFC 8414 §3.3, OIDC
 * Discovery §4), and a body is read only up to {@link MAX_DOCUMENT_BYTES} before the connection
 * is dropped, so memory stays bounded whatever the server sends.
 */
export class JwksSource {
  /** Remembered once discovery succeeded. */
  private jwksUri: string | undefined;

  constructor(
    private readonly options: JwksSourceOptions,
    private readonly fetchImpl: FetchLike,
    private readonly timeoutMs: number,
    private readonly telemetry: AuthTelemetry = {},
  ) {}

  get isStatic(): boolean {
    return this.options.kind === 'static';
  }

  async load(): Promise<JwkSet> {
    const options = this.options;
    if (options.kind === 'static') return toJwkSet(options.jwks, 'AUTH_JWKS_FILE');
    const jwksUri =
      options.kind === 'uri'
        ? options.jwksUri
        : (this.jwksUri ??= await this.discoverJwksUri(options.issuer));
    return toJwkSet(await this.timed('jwks', () => this.getJson(jwksUri)), jwksUri);
  }

  private async discoverJwksUri(issuer: string): Promise<string> {
    // OIDC Discovery §4: the path is appended to the issuer, keeping path-based issuers intact.
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const metadata = (await this.timed('discovery', () => this.getJson(url))) as {
      issuer?: unknown;
      jwks_uri?: unknown;
    } | null;
    // OIDC Discovery §4.3: the issuer in the document must be identical to the one we trust.
    if (metadata?.issuer !== issuer) {
      throw new JwksFetchError(
        `discovery at ${url} names issuer ${JSON.stringify(metadata?.issuer)}, expected ${issuer}`,
      );
    }
    if (typeof metadata.jwks_uri !== 'string' || !isTrustedKeyUrl(metadata.jwks_uri, issuer)) {
      throw new JwksFetchError(
        `discovery at ${url} has no valid jwks_uri (https required; http only on loopback for a loopback issuer)`,
      );
    }
    return metadata.jwks_uri;
  }

  /** Runs one fetch, reporting its outcome and duration. */
  private async timed<T>(document: IdpDocument, fetchDocument: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    const report = (outcome: 'success' | 'failure') =>
      this.telemetry.fetched?.(document, outcome, (performance.now() - startedAt) / 1000);
    try {
      const result = await fetchDocument();
      report('success');
      return result;
    } catch (error) {
      report('failure');
      throw error;
    }
  }

  private async getJson(url: string): Promise<unknown> {
    const abort = new AbortController();
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(this.timeoutMs)]),
        headers: { accept: 'application/json' },
        redirect: 'manual',
      });
    } catch (error) {
      throw new JwksFetchError(`cannot reach ${url}: ${describe(error)}`, { cause: error });
    }
    if (!response.ok) {
      abort.abort();
      const redirect = response.status >= 300 && response.status < 400;
      throw new JwksFetchError(
        `${url} answered HTTP ${response.status}${redirect ? ' (redirects are not followed)' : ''}`,
      );
    }
    const body = await readLimited(response, url, abort);
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      throw new JwksFetchError(`${url} did not return JSON`);
    }
  }
}

/** The body, read chunk by chunk; past the limit the request is aborted and nothing more is read. */
async function readLimited(
  response: Response,
  url: string,
  abort: AbortController,
): Promise<Uint8Array> {
  const tooLarge = () => {
    abort.abort();
    return new JwksFetchError(
      `${url} returned a document over ${MAX_DOCUMENT_BYTES} bytes; reading stopped`,
    );
  };
  if (Number(response.headers.get('content-length')) > MAX_DOCUMENT_BYTES) throw tooLarge();
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_DOCUMENT_BYTES) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof JwksFetchError) throw error;
    throw new JwksFetchError(`reading ${url} failed: ${describe(error)}`, { cause: error });
  }
  return Buffer.concat(chunks);
}

/**
 * Keys are fetched over TLS, as the configured URLs are; plain http only on loopback, and only
 * when the issuer itself is a loopback http one (development): an https issuer cannot downgrade.
 */
function isTrustedKeyUrl(value: string, issuer: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) && isLoopbackHttp(issuer);
}

function isLoopbackHttp(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

function toJwkSet(value: unknown, origin: string): JwkSet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new JwksFetchError(`${origin} is not a JWK Set`);
  return {
    keys: keys.filter(
      (key): key is Record<string, unknown> =>
        typeof key === 'object' && key !== null && !Array.isArray(key),
    ),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
