/** The OpenAPI security schemes of the routes behind `bearerAuth`: Bearer, or DPoP. */
export const ACCESS_TOKEN_SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An RFC 9068 access token from the configured IdP, in `Authorization: Bearer <token>` only (never the URL or body). Not for a token bound to a key (`cnf`).',
  },
  dpop: {
    type: 'http',
    scheme: 'DPoP',
    description:
      'A DPoP-bound access token (RFC 9449): `Authorization: DPoP <token>` with a `DPoP` proof header signed by the key the token names in `cnf.jkt` — unless `AUTH_DPOP=off`; with `AUTH_DPOP=required` the only scheme accepted.',
  },
} as const;
