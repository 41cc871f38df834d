import { startBuiltServer } from '@oracle-ai/shared/testing-node-process';

export interface StartDevIdpOptions {
  /** Defaults to a free loopback port. */
  port?: number;
  /** Origins of the SPA under test; each gets `/auth/callback` and `/logged-out` registered. */
  webOrigins?: string[];
  accessTokenTtlS?: number;
  /** `DEV_IDP_DPOP`: DPoP required of the SPA client (the default) or off. */
  dpop?: boolean;
  /** `DEV_IDP_DPOP_NONCE`: DPoP proofs must carry the IdP's nonce (needs `dpop`). */
  dpopNonce?: boolean;
  /** Enables `POST /dev/rotate-keys` (see `rotateSigningKeys`). */
  enableTestEndpoints?: boolean;
}

export interface RunningDevIdp {
  /** `http://localhost:<port>` */
  issuer: string;
  port: number;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** `apps/dev-idp/src/main.ts` prints it once it listens. */
const READY_LINE = 'dev-idp: listening on';

/**
 * Runs the built dev IdP (`dist/apps/dev-idp/main.js`, from `npx nx build dev-idp`) as a child
 * process, as it runs in `npm start`, and resolves once it is listening.
 */
export async function startDevIdp(options: StartDevIdpOptions = {}): Promise<RunningDevIdp> {
  const server = await startBuiltServer({
    app: 'dev-idp',
    name: 'dev IdP',
    port: options.port,
    env: (port) => devIdpEnv(port, options),
    readyWhen: { outputIncludes: READY_LINE },
  });
  return {
    issuer: issuerAt(server.port),
    port: server.port,
    stop: async () => {
      await server.stop();
    },
  };
}

function devIdpEnv(port: number, options: StartDevIdpOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEV_IDP_ISSUER: issuerAt(port),
    DEV_IDP_ENABLE_TEST_ENDPOINTS: String(options.enableTestEndpoints ?? false),
  };
  if (options.webOrigins) env['DEV_IDP_WEB_ORIGINS'] = options.webOrigins.join(',');
  if (options.accessTokenTtlS !== undefined)
    env['DEV_IDP_ACCESS_TOKEN_TTL_S'] = String(options.accessTokenTtlS);
  if (options.dpop !== undefined) env['DEV_IDP_DPOP'] = options.dpop ? 'on' : 'off';
  if (options.dpopNonce !== undefined) env['DEV_IDP_DPOP_NONCE'] = options.dpopNonce ? 'on' : 'off';
  return env;
}

function issuerAt(port: number): string {
  return `http://localhost:${port}`;
}
