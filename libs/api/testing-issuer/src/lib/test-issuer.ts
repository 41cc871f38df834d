import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  CompactSign,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTHeaderParameters,
} from 'jose';

export type TestKeyAlg = 'RS256' | 'PS256' | 'ES256' | 'RS384' | 'ES384' | 'EdDSA';

export interface TestSigningKey {
  kid: string;
  alg: TestKeyAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface MintOptions {
  /** Claims merged over the defaults (iss, aud, sub, iat, exp, groups, preferred_username). */
  claims?: Record<string, unknown>;
  /** Header members merged over the defaults (alg, kid, typ). */
  header?: Partial<JWTHeaderParameters> & Record<string, unknown>;
  /** Sign with this key instead of the current one (it need not be published). */
  key?: TestSigningKey;
  /** Omit these claims entirely. */
  omit?: string[];
  /** Extension header parameters the signer should let through in `crit` (to craft hostile tokens). */
  crit?: Record<string, boolean>;
}

/** Serves one path in place of the issuer's own answer (a hostile or broken IdP). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestIssuerOptions {
  /** Path under the origin, e.g. `/affwebservices/CASSO/oidc/oracle-ai` for a path-based issuer. */
  path?: string;
  audience?: string;
  alg?: TestKeyAlg;
  /** Fixed loopback port (default: a free one). */
  port?: number;
}

/**
 * A minimal OpenID Provider for tests and benchmarks: serves discovery and a JWKS on a free
 * loopback port, mints tokens with real keys, and can rotate keys or simulate an outage.
 * It never serves a token endpoint: the API must not need one.
 */
export class TestIssuer {
  readonly requests: string[] = [];
  private server: Server | undefined;
  private keys: TestSigningKey[] = [];
  private outage: 'none' | 'error' | 'hang' = 'none';
  private readonly routes = new Map<string, RouteHandler>();
  private origin = '';

  private constructor(private readonly options: Required<TestIssuerOptions>) {}

  static async start(options: TestIssuerOptions = {}): Promise<TestIssuer> {
    const issuer = new TestIssuer({
      path: '',
      audience: 'oracle-ai-api',
      alg: 'RS256',
      port: 0,
      ...options,
    });
    issuer.keys = [await createSigningKey(issuer.options.alg)];
    await issuer.listen();
    return issuer;
  }

  get issuer(): string {
    return `${this.origin}${this.options.path}`;
  }

  get jwksUri(): string {
    return `${this.origin}${this.options.path}/jwks`;
  }

  get audience(): string {
    return this.options.audience;
  }

  get currentKey(): TestSigningKey {
    return this.keys[0];
  }

  /** JWK Set as served (public keys only). */
  get jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** How many requests hit a path (e.g. '/jwks', '/.well-known/openid-configuration'). */
  count(pathSuffix: string): number {
    return this.requests.filter((path) => path.endsWith(pathSuffix)).length;
  }

  /** Publishes a new current key; the old ones stay published unless `dropOld`. */
  async rotate({
    dropOld = false,
    alg = this.options.alg,
  }: { dropOld?: boolean; alg?: TestKeyAlg } = {}): Promise<TestSigningKey> {
    const key = await createSigningKey(alg);
    this.keys = dropOld ? [key] : [key, ...this.keys];
    return key;
  }

  /** Also publishes `key` (after the current ones) without signing with it by default. */
  publish(key: TestSigningKey): void {
    this.keys = [...this.keys, key];
  }

  /** Answers `path` (e.g. `/.well-known/openid-configuration`) with `handler` from now on. */
  route(path: string, handler: RouteHandler): void {
    this.routes.set(`${this.options.path}${path}`, handler);
  }

  /** `error`: every request answers 500; `hang`: requests never answer; `none`: back to normal. */
  setOutage(mode: 'none' | 'error' | 'hang'): void {
    this.outage = mode;
  }

  async mint(options: MintOptions = {}): Promise<string> {
    const key = options.key ?? this.currentKey;
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.options.audience,
      sub: 'user-alice',
      client_id: 'oracle-ai-web',
      preferred_username: 'alice',
      name: 'Alice Example',
      email: 'alice@example.com',
      groups: ['database', 'oracle-ai-users'],
      iat: now,
      exp: now + 300,
      jti: randomUUID(),
      ...options.claims,
    };
    for (const name of options.omit ?? []) delete claims[name];
    const header = { alg: key.alg, kid: key.kid, typ: 'at+jwt', ...options.header };
    return new SignJWT(claims as JWTPayload)
      .setProtectedHeader(header as JWTHeaderParameters)
      .sign(key.privateKey, { crit: options.crit });
  }

  /**
   * Signs `payload` byte for byte, e.g. `{"exp":1e400}`, which no JSON serializer produces: for
   * tokens whose claims are hostile in ways `mint` cannot express.
   */
  async mintRaw(
    payload: string,
    options: Pick<MintOptions, 'header' | 'key'> = {},
  ): Promise<string> {
    const key = options.key ?? this.currentKey;
    const header = { alg: key.alg, kid: key.kid, typ: 'at+jwt', ...options.header };
    return new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader(header as JWTHeaderParameters)
      .sign(key.privateKey);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    this.requests.push(path);
    if (this.outage === 'hang') return;
    if (this.outage === 'error') return send(response, 500, { error: 'server_error' });
    const handler = this.routes.get(path);
    if (handler !== undefined) return handler(request, response);
    const base = this.options.path;
    if (path === `${base}/.well-known/openid-configuration`) {
      return send(response, 200, {
        issuer: this.issuer,
        jwks_uri: this.jwksUri,
        authorization_endpoint: `${this.issuer}/auth`,
        token_endpoint: `${this.issuer}/token`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [this.options.alg],
      });
    }
    if (path === `${base}/jwks`) return send(response, 200, this.jwks);
    send(response, 404, { error: 'not_found' });
  }
}

export async function createSigningKey(
  alg: TestKeyAlg = 'RS256',
  kid: string = randomUUID(),
): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey: privateKey as CryptoKey, publicJwk };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
