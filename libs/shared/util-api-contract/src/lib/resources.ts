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
}

/** `GET /api/chat`. */
export interface ChatResource {
  user: string;
  greeting: string;
  suggestions: string[];
}

/** `GET /api/analytics`. */
export interface AnalyticsResource {
  user: string;
  generatedAt: string;
  metrics: AnalyticsMetric[];
}

export interface AnalyticsMetric {
  name: string;
  value: number;
  unit: string;
}

/** `GET /healthz` and `GET /readyz`. */
export interface HealthResponse {
  status: 'ok' | 'unavailable';
  /** `/readyz` only: whether signing keys are loaded. */
  signingKeys?: 'available' | 'unavailable';
  /** `/readyz` only: set while the instance drains before it exits. */
  shuttingDown?: true;
}
