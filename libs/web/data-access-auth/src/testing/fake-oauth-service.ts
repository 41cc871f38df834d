import { Provider } from '@angular/core';
import { AuthConfig, OAuthService } from 'angular-oauth2-oidc';
import { RUNTIME_CONFIG, RuntimeConfig } from '../lib/runtime-config/runtime-config';
import { HybridOAuthStorage } from '../lib/storage/hybrid-oauth-storage';

export const TEST_CONFIG: RuntimeConfig = {
  issuer: 'http://localhost:4400',
  clientId: 'oracle-ai-web',
  apiBaseUrl: 'http://localhost:3000',
  scope: 'openid profile email',
  customQueryParams: { authentication_method: 'siteminder' },
  dpop: false,
};

/** Stands in for OAuthService, keeping its tokens in the same storage the real one would. */
export class FakeOAuthService {
  configured: AuthConfig = {};
  issuer = '';
  state = '';
  loginUrl = '';
  logoutUrl = '';
  constructor(private readonly storage: HybridOAuthStorage) {}

  configure = jest.fn((authConfig: AuthConfig) => (this.configured = authConfig));
  discoveryDocument: Record<string, string | boolean | string[]> = {
    issuer: TEST_CONFIG.issuer,
    authorization_endpoint: `${TEST_CONFIG.issuer}/auth`,
    token_endpoint: `${TEST_CONFIG.issuer}/token`,
    end_session_endpoint: `${TEST_CONFIG.issuer}/session/end`,
    jwks_uri: `${TEST_CONFIG.issuer}/jwks`,
  };
  loadDiscoveryDocument = jest.fn(async () => {
    this.issuer = String(this.discoveryDocument['issuer']);
    this.loginUrl = String(this.discoveryDocument['authorization_endpoint']);
    this.logoutUrl = String(this.discoveryDocument['end_session_endpoint'] ?? '');
    return { info: { discoveryDocument: this.discoveryDocument } };
  });
  tryLoginCodeFlow = jest.fn(async () => {
    this.state = encodeURIComponent('/analytics?range=7d');
    this.issueTokens('at-1', 'rt-1');
  });
  refreshToken = jest.fn(async () => this.issueTokens('at-2', 'rt-2'));
  initCodeFlow = jest.fn();
  logOut = jest.fn(() => {
    this.storage.removeItem('access_token');
    this.storage.removeItem('id_token');
  });
  getAccessToken = () => this.storage.getItem('access_token');
  getRefreshToken = () => this.storage.getItem('refresh_token');
  getIdToken = () => this.storage.getItem('id_token');
  getIdentityClaims = () => JSON.parse(this.storage.getItem('id_token_claims_obj') ?? 'null');
  getAccessTokenExpiration = () => Number(this.storage.getItem('expires_at'));
  getCustomTokenResponseProperty = (name: string) =>
    JSON.parse(this.storage.getItem(name) ?? 'null');

  issueTokens(access: string, refresh: string, lifetimeMs = 300_000, tokenType = 'Bearer'): void {
    this.storage.setItem('access_token', access);
    this.storage.setItem('token_type', JSON.stringify(tokenType));
    this.storage.setItem('refresh_token', refresh);
    this.storage.setItem('id_token', 'id-token');
    this.storage.setItem('id_token_claims_obj', JSON.stringify({ sub: 'u1', name: 'Alice' }));
    this.storage.setItem('expires_at', String(Date.now() + lifetimeMs));
  }
}

/** The OAuth client's providers, faked, as every session-level spec needs them. */
export function fakeOAuthProviders(
  oauth: FakeOAuthService,
  storage: HybridOAuthStorage,
  config: RuntimeConfig = TEST_CONFIG,
): Provider[] {
  return [
    { provide: RUNTIME_CONFIG, useValue: config },
    { provide: HybridOAuthStorage, useValue: storage },
    { provide: OAuthService, useValue: oauth },
  ];
}
