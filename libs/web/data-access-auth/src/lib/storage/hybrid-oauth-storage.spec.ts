import { HybridOAuthStorage } from './hybrid-oauth-storage';

describe('HybridOAuthStorage', () => {
  const tokenKeys = [
    'access_token',
    'refresh_token',
    'id_token',
    'id_token_claims_obj',
    'expires_at',
  ];
  let storage: HybridOAuthStorage;

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    storage = new HybridOAuthStorage(sessionStorage);
  });

  it.each(tokenKeys)('keeps %s in memory only', (key) => {
    storage.setItem(key, 'secret-value');
    expect(storage.getItem(key)).toBe('secret-value');
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it.each(['nonce', 'PKCE_verifier'])(
    'puts %s in sessionStorage so it survives the redirect',
    (key) => {
      storage.setItem(key, 'v1');
      expect(sessionStorage.getItem(`oracle-ai.oauth.${key}`)).toBe('v1');
      const afterReload = new HybridOAuthStorage(sessionStorage);
      expect(afterReload.getItem(key)).toBe('v1');
    },
  );

  it('clearTransient removes the verifier and nonce but keeps tokens', () => {
    storage.setItem('nonce', 'n');
    storage.setItem('PKCE_verifier', 'v');
    storage.setItem('access_token', 'at');
    storage.clearTransient();
    expect(sessionStorage.length).toBe(0);
    expect(storage.getItem('nonce')).toBeNull();
    expect(storage.getItem('PKCE_verifier')).toBeNull();
    expect(storage.getItem('access_token')).toBe('at');
  });

  it('clear forgets everything', () => {
    storage.setItem('nonce', 'n');
    storage.setItem('refresh_token', 'rt');
    storage.clear();
    expect(storage.getItem('nonce')).toBeNull();
    expect(storage.getItem('refresh_token')).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it('removeItem deletes a single key', () => {
    storage.setItem('access_token', 'at');
    storage.removeItem('access_token');
    expect(storage.getItem('access_token')).toBeNull();
  });

  it('falls back to memory when sessionStorage is unavailable', () => {
    const memoryOnly = new HybridOAuthStorage(null);
    memoryOnly.setItem('nonce', 'n');
    expect(memoryOnly.getItem('nonce')).toBe('n');
    expect(sessionStorage.length).toBe(0);
  });
});
