export {
  authorizedFetch,
  type ApiCredentials,
  type AuthorizedFetch,
  type AuthorizedRequest,
} from './lib/authorized-fetch';
export { signInWithBrowser, type BrowserSignInOptions } from './lib/browser-sign-in';
export { createDpopKey, importDpopKey, type DpopKey } from './lib/dpop-key';
export { checkedUrl, IdentityProvider } from './lib/identity-provider';
export { OAuthError, type OAuthErrorCode } from './lib/oauth-error';
export { openBrowser, type OpenBrowserOptions } from './lib/open-browser';
export {
  discoverProtectedResource,
  normalizedApiUrl,
  type ProtectedResource,
} from './lib/resource-metadata';
export type { TokenSet } from './lib/token-set';
