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
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<Response>;

/** A response larger than this is not a JWK Set anyone should trust. */
const MAX_DOCUMENT_BYTES = 512 * 1024;

/** Thrown when the IdP cannot be reached or answers with something unusable. */
export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
}

/**
 * Loads JWK Sets from one configured source. Discovery is resolved once and remembered;
 * when it fails it is retried on the next load.
 */
export class JwksSource {
  /** Remembered once discovery succeeded. */
  private jwksUri: string | undefined;

  constructor(
    private readonly options: JwksSourceOptions,
    private readonly fetchImpl: FetchLike,
    private readonly timeoutMs: number,
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
    return toJwkSet(await this.getJson(jwksUri), jwksUri);
  }

  private async discoverJwksUri(issuer: string): Promise<string> {
    // OIDC Discovery §4: the path is appended to the issuer, keeping path-based issuers intact.
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const metadata = (await this.getJson(url)) as { issuer?: unknown; jwks_uri?: unknown };
    // OIDC Discovery §4.3: the issuer in the document must be identical to the one we trust.
    if (metadata.issuer !== issuer) {
      throw new JwksFetchError(
        `discovery at ${url} names issuer ${JSON.stringify(metadata.issuer)}, expected ${issuer}`,
      );
    }
    if (typeof metadata.jwks_uri !== 'string' || !isTrustedKeyUrl(metadata.jwks_uri)) {
      throw new JwksFetchError(
        `discovery at ${url} has no valid jwks_uri (https required except on localhost)`,
      );
    }
    return metadata.jwks_uri;
  }

  private async getJson(url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      throw new JwksFetchError(`cannot reach ${url}: ${describe(error)}`, { cause: error });
    }
    if (!response.ok) {
      throw new JwksFetchError(`${url} answered HTTP ${response.status}`);
    }
    const text = await response.text().catch((error: unknown) => {
      throw new JwksFetchError(`reading ${url} failed: ${describe(error)}`, { cause: error });
    });
    if (text.length > MAX_DOCUMENT_BYTES)
      throw new JwksFetchError(`${url} returned an oversized document`);
    try {
      return JSON.parse(text);
    } catch {
      throw new JwksFetchError(`${url} did not return JSON`);
    }
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Keys are fetched over TLS, as the configured URLs are (plain http on loopback only, for development). */
function isTrustedKeyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
    );
  } catch {
    return false;
  }
}

function toJwkSet(value: unknown, origin: string): JwkSet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new JwksFetchError(`${origin} is not a JWK Set`);
  return {
    keys: keys.filter(
      (key): key is Record<string, unknown> => typeof key === 'object' && key !== null,
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
