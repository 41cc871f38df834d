import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { FakeOAuthService, fakeOAuthProviders } from '../../testing/fake-oauth-service';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { IdpDiscovery } from './idp-discovery';

describe('IdpDiscovery', () => {
  let oauth: FakeOAuthService;
  let discovery: IdpDiscovery;

  beforeEach(() => {
    const storage = new HybridOAuthStorage(null);
    oauth = new FakeOAuthService(storage);
    TestBed.configureTestingModule({ providers: fakeOAuthProviders(oauth, storage) });
    discovery = TestBed.inject(IdpDiscovery);
  });

  it('loads the document once and lists the IdP endpoints', async () => {
    expect(discovery.endpoints()).toEqual([]);
    await Promise.all([discovery.load(), discovery.load()]);
    await discovery.load();
    expect(oauth.loadDiscoveryDocument).toHaveBeenCalledTimes(1);
    expect(discovery.endpoints()).toEqual([
      'http://localhost:4400/auth',
      'http://localhost:4400/token',
      'http://localhost:4400/session/end',
      'http://localhost:4400/jwks',
    ]);
  });

  it('tries again after a failed load', async () => {
    oauth.loadDiscoveryDocument.mockRejectedValueOnce(new HttpErrorResponse({ status: 0 }));
    await expect(discovery.load()).rejects.toBeInstanceOf(HttpErrorResponse);
    await expect(discovery.load()).resolves.toBeUndefined();
    expect(oauth.loadDiscoveryDocument).toHaveBeenCalledTimes(2);
  });

  it.each(['http://localhost:4400/', 'https://localhost:4400', 'http://evil.example.com'])(
    'refuses a document naming the issuer %s',
    async (issuer) => {
      oauth.discoveryDocument = { ...oauth.discoveryDocument, issuer };
      await expect(discovery.load()).rejects.toThrow('another issuer');
      expect(discovery.metadata()).toBeNull();
      expect(discovery.endpoints()).toEqual([]);
    },
  );
});
