import { HttpClient, HttpHeaders } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { interceptedHttp } from '../../testing/api-test-bed';
import { FakeDpopKey, fakeDpopKeyProviders, proofSigned } from '../../testing/fake-dpop-key';
import { DpopActivation } from '../dpop/dpop-activation';
import { DpopNonces } from '../dpop/dpop-nonces';
import { IdpDiscovery } from '../session/idp-discovery';
import { tokenEndpointDpopInterceptor } from './token-endpoint-dpop-interceptor';

const TOKEN_ENDPOINT = 'https://sso.example.com/oauth/token';
const FORM = 'grant_type=refresh_token&refresh_token=rt-1';
const USE_NONCE = { status: 400, statusText: 'Bad Request' };

describe('tokenEndpointDpopInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let key: FakeDpopKey;
  const active = signal(true);

  beforeEach(() => {
    active.set(true);
    key = new FakeDpopKey();
    ({ http, backend } = interceptedHttp(
      [tokenEndpointDpopInterceptor],
      [
        ...fakeDpopKeyProviders(key),
        { provide: DpopActivation, useValue: { active } },
        {
          provide: IdpDiscovery,
          useValue: {
            metadata: signal({
              token_endpoint: TOKEN_ENDPOINT,
              revocation_endpoint: `${TOKEN_ENDPOINT}/revocation`,
            }),
          },
        },
      ],
    ));
  });

  afterEach(() => backend.verify());

  const postToken = (url = TOKEN_ENDPOINT) => firstValueFrom(http.post(url, FORM));

  it('sends a proof for the token endpoint, without ath', async () => {
    const response = postToken();
    await proofSigned();
    const request = backend.expectOne(TOKEN_ENDPOINT);
    expect(request.request.headers.get('DPoP')).toBe(`proof POST ${TOKEN_ENDPOINT}`);
    expect(request.request.body).toBe(FORM);
    request.flush({ access_token: 'at-1', token_type: 'DPoP' });
    await expect(response).resolves.toMatchObject({ token_type: 'DPoP' });
  });

  it.each([
    ['another endpoint of the IdP (revocation)', `${TOKEN_ENDPOINT}/revocation`],
    ['the API', 'https://api.example.com/api/me'],
    ['a look-alike of the token endpoint', 'https://sso.example.com.evil.io/oauth/token'],
    ['a relative URL on the app', '/oauth/token'],
  ])('sends none to %s', async (_case, url) => {
    void postToken(url).catch(() => undefined);
    await proofSigned();
    expect(backend.expectOne(url).request.headers.has('DPoP')).toBe(false);
    expect(key.sign).not.toHaveBeenCalled();
  });

  it('sends none while DPoP is off for this page', async () => {
    active.set(false);
    void postToken();
    await proofSigned();
    expect(backend.expectOne(TOKEN_ENDPOINT).request.headers.has('DPoP')).toBe(false);
  });

  it('retries once with the nonce the IdP demands, and keeps the next one it gives', async () => {
    const response = postToken();
    await proofSigned();
    backend
      .expectOne(TOKEN_ENDPOINT)
      .flush(
        { error: 'use_dpop_nonce' },
        { ...USE_NONCE, headers: new HttpHeaders({ 'DPoP-Nonce': 'idp-1' }) },
      );
    await proofSigned();
    const retry = backend.expectOne(TOKEN_ENDPOINT);
    expect(retry.request.headers.get('DPoP')).toBe(`proof POST ${TOKEN_ENDPOINT} nonce=idp-1`);
    retry.flush({ access_token: 'at-1' }, { headers: new HttpHeaders({ 'DPoP-Nonce': 'idp-2' }) });
    await expect(response).resolves.toMatchObject({ access_token: 'at-1' });

    const nonces = TestBed.inject(DpopNonces);
    expect(nonces.get('idp')).toBe('idp-2');
    expect(nonces.get('api')).toBeUndefined();
  });

  it('does not retry another error, even one with a nonce', async () => {
    const response = postToken();
    await proofSigned();
    backend
      .expectOne(TOKEN_ENDPOINT)
      .flush(
        { error: 'invalid_grant' },
        { ...USE_NONCE, headers: new HttpHeaders({ 'DPoP-Nonce': 'idp-1' }) },
      );
    await expect(response).rejects.toMatchObject({ status: 400 });
    expect(key.sign).toHaveBeenCalledTimes(1);
  });
});
