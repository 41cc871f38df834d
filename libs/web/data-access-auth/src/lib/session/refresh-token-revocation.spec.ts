import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FakeOAuthService, fakeOAuthProviders } from '../../testing/fake-oauth-service';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { IdpDiscovery } from './idp-discovery';
import { RefreshTokenRevocation } from './refresh-token-revocation';

describe('RefreshTokenRevocation', () => {
  let oauth: FakeOAuthService;
  let http: HttpTestingController;
  let revocation: RefreshTokenRevocation;

  async function offering(endpoint?: string): Promise<void> {
    if (endpoint) oauth.discoveryDocument['revocation_endpoint'] = endpoint;
    await TestBed.inject(IdpDiscovery).load();
  }

  beforeEach(() => {
    const storage = new HybridOAuthStorage(null);
    oauth = new FakeOAuthService(storage);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ...fakeOAuthProviders(oauth, storage),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    revocation = TestBed.inject(RefreshTokenRevocation);
  });

  afterEach(() => http.verify());

  it('sends a token with +, / and = intact', async () => {
    await offering('https://sso.example.com/revoke');
    const outcome = revocation.revoke('a+b/c=');
    const request = http.expectOne('https://sso.example.com/revoke');
    expect(new URLSearchParams(request.request.body as string).get('token')).toBe('a+b/c=');
    request.flush('');
    await expect(outcome).resolves.toBe('revoked');
  });

  it('reports a refusal without throwing', async () => {
    await offering('https://sso.example.com/revoke');
    const outcome = revocation.revoke('rt-1');
    http
      .expectOne('https://sso.example.com/revoke')
      .flush({ error: 'unsupported_token_type' }, { status: 400, statusText: 'Bad Request' });
    await expect(outcome).resolves.toBe('failed');
  });

  it.each([
    ['no revocation endpoint', undefined, 'rt-1'],
    ['no refresh token', 'https://sso.example.com/revoke', null],
    ['a plain-http endpoint off localhost', 'http://sso.example.com/revoke', 'rt-1'],
    ['an endpoint that is not a URL', 'revoke', 'rt-1'],
  ])('sends nothing with %s', async (_case, endpoint, token) => {
    await offering(endpoint);
    await expect(revocation.revoke(token)).resolves.toBe('not_offered');
  });

  it('allows plain http to localhost, as the dev IdP serves it', async () => {
    await offering('http://localhost:4400/token/revocation');
    const outcome = revocation.revoke('rt-1');
    http.expectOne('http://localhost:4400/token/revocation').flush('');
    await expect(outcome).resolves.toBe('revoked');
  });
});
