import { HttpHeaders } from '@angular/common/http';
import { DpopNonces } from './dpop-nonces';

describe('DpopNonces', () => {
  const withNonce = (nonce: string) => new HttpHeaders({ 'DPoP-Nonce': nonce });

  it('keeps the latest nonce of each server apart', () => {
    const nonces = new DpopNonces();
    expect(nonces.remember('idp', withNonce('idp-1'))).toBe(true);
    expect(nonces.get('idp')).toBe('idp-1');
    expect(nonces.get('api')).toBeUndefined();

    nonces.remember('api', withNonce('api-1'));
    nonces.remember('idp', withNonce('idp-2'));
    expect(nonces.get('idp')).toBe('idp-2');
    expect(nonces.get('api')).toBe('api-1');
  });

  it('keeps the last one when a response carries none', () => {
    const nonces = new DpopNonces();
    nonces.remember('api', withNonce('api-1'));
    expect(nonces.remember('api', new HttpHeaders())).toBe(false);
    expect(nonces.get('api')).toBe('api-1');
  });

  it.each(['', 'has space', 'quote"d', 'back\\slash', 'tab\there'])(
    'ignores a value that is not an RFC 9449 nonce: %j',
    (value) => {
      const nonces = new DpopNonces();
      expect(nonces.remember('api', withNonce(value))).toBe(false);
      expect(nonces.get('api')).toBeUndefined();
    },
  );
});
