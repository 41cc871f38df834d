/** Asymmetric JWS algorithms the API can be configured to accept (RFC 8725 §3.1: pin them). */
export const SUPPORTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type SigningAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];
