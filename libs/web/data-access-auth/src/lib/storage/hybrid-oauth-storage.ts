import { OAuthStorage } from 'angular-oauth2-oidc';

/**
 * Keys `angular-oauth2-oidc` writes before leaving for the IdP and reads after coming back.
 * They must survive the full-page redirect, so they alone go to sessionStorage.
 */
export const TRANSIENT_OAUTH_KEYS: readonly string[] = ['nonce', 'PKCE_verifier'];

const TRANSIENT_PREFIX = 'oracle-ai.oauth.';

/**
 * Tokens (access, refresh, ID) live only in this object's memory, so a reload or XSS-readable
 * storage never exposes them; the transient login keys sit in sessionStorage while the browser is
 * away at the IdP and are deleted as soon as the callback has been processed.
 */
export class HybridOAuthStorage implements OAuthStorage {
  private readonly memory = new Map<string, string>();

  constructor(private readonly transientStore: Storage | null) {}

  getItem(key: string): string | null {
    if (TRANSIENT_OAUTH_KEYS.includes(key)) {
      return this.transientStore?.getItem(TRANSIENT_PREFIX + key) ?? this.memory.get(key) ?? null;
    }
    return this.memory.get(key) ?? null;
  }

  setItem(key: string, data: string): void {
    if (TRANSIENT_OAUTH_KEYS.includes(key) && this.transientStore) {
      this.transientStore.setItem(TRANSIENT_PREFIX + key, data);
      return;
    }
    this.memory.set(key, data);
  }

  removeItem(key: string): void {
    if (TRANSIENT_OAUTH_KEYS.includes(key)) {
      this.transientStore?.removeItem(TRANSIENT_PREFIX + key);
    }
    this.memory.delete(key);
  }

  /** Called right after the callback: the verifier and nonce are single-use. */
  clearTransient(): void {
    for (const key of TRANSIENT_OAUTH_KEYS) this.removeItem(key);
  }

  /** Forgets everything, e.g. on logout. */
  clear(): void {
    this.clearTransient();
    this.memory.clear();
  }
}
