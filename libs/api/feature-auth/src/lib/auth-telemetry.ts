/** The two documents the API fetches from its IdP. */
export type IdpDocument = 'discovery' | 'jwks';

/**
 * What the auth layer reports while it works, for metrics. Every method is optional. `granted`
 * and `refused` run on the request path — the cached-token path included — and must cost no more
 * than a counter increment.
 */
export interface AuthTelemetry {
  /** A request passed bearer authentication and the group policy. */
  granted?(): void;
  /** A request was refused; `code` is the API error code of the refusal (lower case). */
  refused?(code: string): void;
  /** A discovery or JWKS fetch ended. */
  fetched?(document: IdpDocument, outcome: 'success' | 'failure', seconds: number): void;
  /** A signature was checked with the last good keys, the latest refresh having failed. */
  staleKeysUsed?(): void;
  /** An unknown `kid` caused no refetch: the last fetch was within the cooldown. */
  unknownKidRefetchSuppressed?(): void;
}
