export { DevIdpBrowser, type Landing } from './lib/dev-idp-browser';
export { DevIdpError, type DevIdpErrorCode } from './lib/dev-idp-error';
export { getTokens, type GetTokensOptions, type TokenResponse } from './lib/get-tokens';
export { rotateSigningKeys, type RotatedSigningKeys } from './lib/rotate-signing-keys';
