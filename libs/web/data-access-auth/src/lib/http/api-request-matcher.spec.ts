import { TestBed } from '@angular/core/testing';
import {
  FakeOAuthService,
  fakeOAuthProviders,
  TEST_CONFIG,
} from '../../testing/fake-oauth-service';
import { IdpDiscovery } from '../session/idp-discovery';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { ApiRequestMatcher, isApiUrl } from './api-request-matcher';

const APP = 'http://localhost:4200';

describe('isApiUrl', () => {
  describe('with an API at the root of its own origin', () => {
    const api = 'https://api.example.com';

    it.each([
      'https://api.example.com/api/me',
      'https://api.example.com/api/chat?x=1',
      'https://API.example.com/api/me',
      'https://api.example.com:443/api/me',
    ])('matches %s', (url) => {
      expect(isApiUrl(url, api, APP)).toBe(true);
    });

    it.each([
      ['look-alike suffix host', 'https://api.example.com.evil.io/api/me'],
      ['look-alike prefix host', 'https://evilapi.example.com/api/me'],
      ['sub-domain', 'https://x.api.example.com/api/me'],
      ['other port', 'https://api.example.com:8443/api/me'],
      ['other scheme', 'http://api.example.com/api/me'],
      ['websocket scheme', 'wss://api.example.com/api/me'],
      ['userinfo trick to another host', 'https://api.example.com@evil.io/api/me'],
      ['userinfo on the API host', 'https://user:pw@api.example.com/api/me'],
      ['relative URL (resolves against the SPA)', '/api/me'],
      ['protocol-relative to another host', '//evil.io/api/me'],
      ['garbage', 'http://'],
    ])('rejects %s', (_case, url) => {
      expect(isApiUrl(url, api, APP)).toBe(false);
    });
  });

  describe('with an API below a path prefix', () => {
    const api = 'https://gw.example.com/oracle-ai';

    it.each(['https://gw.example.com/oracle-ai/api/me', 'https://gw.example.com/oracle-ai'])(
      'matches %s',
      (url) => {
        expect(isApiUrl(url, api, APP)).toBe(true);
      },
    );

    it.each([
      'https://gw.example.com/oracle-ai-other/api/me',
      'https://gw.example.com/other/api/me',
      'https://gw.example.com/oracle-ai/../other/api/me',
      'https://gw.example.com/',
    ])('rejects %s', (url) => {
      expect(isApiUrl(url, api, APP)).toBe(false);
    });
  });

  describe('with the API on the SPA origin', () => {
    const api = 'http://localhost:4200/backend';

    it('resolves relative URLs against the SPA origin', () => {
      expect(isApiUrl('/backend/api/me', api, APP)).toBe(true);
      expect(isApiUrl('/config.json', api, APP)).toBe(false);
    });
  });

  describe('IdP endpoints', () => {
    const api = 'https://corp.example.com';
    const idp = ['https://corp.example.com/sso', 'https://corp.example.com/oauth2/token'];

    it('never matches the issuer or a discovered endpoint, even on the API origin', () => {
      expect(isApiUrl('https://corp.example.com/sso/token', api, APP, idp)).toBe(false);
      expect(
        isApiUrl('https://corp.example.com/sso/.well-known/openid-configuration', api, APP, idp),
      ).toBe(false);
      expect(isApiUrl('https://corp.example.com/oauth2/token', api, APP, idp)).toBe(false);
      expect(isApiUrl('https://corp.example.com/api/me', api, APP, idp)).toBe(true);
    });

    it('does not match a dev IdP on another port', () => {
      expect(isApiUrl('http://localhost:4400/token', 'http://localhost:3000', APP)).toBe(false);
    });
  });
});

describe('ApiRequestMatcher', () => {
  let oauth: FakeOAuthService;

  function matcherFor(config = TEST_CONFIG): ApiRequestMatcher {
    const storage = new HybridOAuthStorage(null);
    oauth = new FakeOAuthService(storage);
    TestBed.configureTestingModule({ providers: fakeOAuthProviders(oauth, storage, config) });
    return TestBed.inject(ApiRequestMatcher);
  }

  it('matches the API and never the IdP', async () => {
    const matcher = matcherFor();
    await TestBed.inject(IdpDiscovery).load();
    expect(matcher.matches('http://localhost:3000/api/me')).toBe(true);
    expect(matcher.matches('http://localhost:4400/token')).toBe(false);
    expect(matcher.matches('/api/me')).toBe(false);
  });

  it('excludes the discovered endpoints when IdP and API share an origin', async () => {
    const matcher = matcherFor({
      ...TEST_CONFIG,
      issuer: 'https://corp.example.com',
      apiBaseUrl: 'https://corp.example.com/oracle-ai',
    });
    oauth.discoveryDocument = {
      issuer: 'https://corp.example.com',
      authorization_endpoint: 'https://corp.example.com/oracle-ai/oauth/authorize',
      token_endpoint: 'https://corp.example.com/oracle-ai/oauth/token',
      jwks_uri: 'https://corp.example.com/keys',
    };
    expect(matcher.matches('https://corp.example.com/.well-known/openid-configuration')).toBe(
      false,
    );
    await TestBed.inject(IdpDiscovery).load();
    expect(matcher.matches('https://corp.example.com/oracle-ai/api/me')).toBe(true);
    expect(matcher.matches('https://corp.example.com/oracle-ai/oauth/token')).toBe(false);
    expect(matcher.matches('https://corp.example.com/keys')).toBe(false);
  });
});
