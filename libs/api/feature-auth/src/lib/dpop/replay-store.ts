/**
 * Remembers DPoP proof ids (`jti`, with the key's thumbprint) for as long as a proof is accepted,
 * so a captured request replayed with its proof is refused (RFC 9449 §11.1).
 */
export interface ReplayStore {
  /**
   * Records `id`; false when it was recorded before (a replay). Throws (or rejects) when it cannot
   * tell — the caller refuses the request then: replay detection fails closed.
   */
  firstUse(id: string, ttlS: number): boolean | Promise<boolean>;
  close(): Promise<void>;
}
