import type { AuthConfig } from '@oracle-ai/api/util-config';
import { AccessTokenVerifier } from './access-token-verifier';
import type { AuthTelemetry } from './auth-telemetry';
import { JwksSource, type FetchLike } from './jwks-source';
import { SigningKeyStore, type KeyStoreLogger } from './signing-key-store';

export interface AuthRuntime {
  keyStore: SigningKeyStore;
  verifier: AccessTokenVerifier;
}

export interface CreateAuthOptions {
  logger: KeyStoreLogger;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: FetchLike;
  /** Per-request timeout for discovery and JWKS fetches. */
  fetchTimeoutMs?: number;
  now?: () => number;
  /** Told of IdP fetches and key-store events (metrics). */
  telemetry?: AuthTelemetry;
}

/** Builds the key store and verifier once, from configuration (never per request). */
export function createAuth(config: AuthConfig, options: CreateAuthOptions): AuthRuntime {
  const source = new JwksSource(
    config.jwks !== undefined
      ? { kind: 'static', jwks: config.jwks }
      : config.jwksUri !== undefined
        ? { kind: 'uri', jwksUri: config.jwksUri }
        : { kind: 'discovery', issuer: config.issuer },
    options.fetch ?? ((url, init) => fetch(url, init)),
    options.fetchTimeoutMs ?? 5_000,
    options.telemetry,
  );
  const keyStore = new SigningKeyStore({
    source,
    algorithms: config.algorithms,
    logger: options.logger,
    now: options.now,
    telemetry: options.telemetry,
  });
  const verifier = new AccessTokenVerifier({
    issuer: config.issuer,
    audiences: config.audiences,
    algorithms: config.algorithms,
    clockToleranceS: config.clockToleranceS,
    keyStore,
    now: options.now,
  });
  return { keyStore, verifier };
}
