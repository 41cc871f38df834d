/** `GET /api/me`: who the bearer is and what the API lets them do. */
export interface MeResponse {
  sub: string;
  username: string;
  name?: string;
  email?: string;
  /** Group values as found in the token (after delimiter splitting). */
  groups: string[];
  /** Computed by the API from its group policy; the SPA follows it and never re-implements it. */
  access: {
    chat: boolean;
    analytics: boolean;
  };
  /** Access token expiry, ISO 8601. */
  expiresAt: string;
  /** Whether the access token is bound to the caller's key (DPoP, RFC 9449). */
  dpopBound: boolean;
}

/** `GET /api/chat`: the chat's home. */
export interface ChatResource {
  user: string;
  greeting: string;
  suggestions: string[];
  /** Whether a model server answers the assistant (`POST /api/chat/completions`); else it answers 503. */
  assistantConfigured: boolean;
}

/** `GET /healthz` and `GET /readyz`. */
export interface HealthResponse {
  status: 'ok' | 'unavailable';
  /** `/readyz` only: whether signing keys are loaded. */
  signingKeys?: 'available' | 'unavailable';
  /** `/readyz` only: set while the instance drains before it exits. */
  shuttingDown?: true;
}

/** `GET /.well-known/oauth-protected-resource` (RFC 9728 §2): who protects this API, and how. */
export interface ProtectedResourceMetadata {
  /** The API's public base URL (`API_PUBLIC_URL`). */
  resource: string;
  /** Issuers whose access tokens the API accepts. */
  authorization_servers: string[];
  /** Where the token goes: only the `Authorization` header. */
  bearer_methods_supported: ['header'];
  resource_name: string;
  /** RFC 9449 §5.1: present unless DPoP is off. */
  dpop_signing_alg_values_supported?: string[];
  /** True when only DPoP-bound tokens are accepted (`AUTH_DPOP=required`). */
  dpop_bound_access_tokens_required?: boolean;
}
