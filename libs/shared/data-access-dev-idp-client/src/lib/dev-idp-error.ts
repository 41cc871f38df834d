export type DevIdpErrorCode =
  | 'ERR_DEV_IDP_UNREACHABLE'
  | 'ERR_DEV_IDP_LOGIN_REFUSED'
  | 'ERR_DEV_IDP_GRANT_FAILED'
  | 'ERR_DEV_IDP_ROTATION_REFUSED';

/** Every failure of this lib, with a stable `code` to switch on and a one-line message. */
export class DevIdpError extends Error {
  override readonly name = 'DevIdpError';

  constructor(
    readonly code: DevIdpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function unreachable(issuer: string, cause: unknown): DevIdpError {
  return new DevIdpError(
    'ERR_DEV_IDP_UNREACHABLE',
    `dev IdP not reachable at ${issuer} — start it with npm start`,
    { cause },
  );
}
