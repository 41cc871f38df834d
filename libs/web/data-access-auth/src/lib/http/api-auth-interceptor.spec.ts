import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { HttpHeaders } from '@angular/common/http';
import { interceptedHttp, TEST_API as API } from '../../testing/api-test-bed';
import { FakeDpopKey, fakeDpopKeyProviders, proofSigned } from '../../testing/fake-dpop-key';
import { DpopNonces } from '../dpop/dpop-nonces';
import { AuthSession, RefreshOutcome } from '../session/auth-session';
import { apiAuthInterceptor } from './api-auth-interceptor';

describe('apiAuthInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: string;
  let tokenType: 'Bearer' | 'DPoP';
  let key: FakeDpopKey;
  const session = {
    accessToken: () => token,
    accessTokenType: () => tokenType,
    refresh: jest.fn<Promise<RefreshOutcome>, []>(),
    reauthenticate: jest.fn(),
  };
  const router = { navigateByUrl: jest.fn() };

  beforeEach(() => {
    token = 'at-1';
    tokenType = 'Bearer';
    key = new FakeDpopKey();
    jest.clearAllMocks();
    ({ http, backend } = interceptedHttp(
      [apiAuthInterceptor],
      [
        ...fakeDpopKeyProviders(key),
        { provide: AuthSession, useValue: session },
        { provide: Router, useValue: router },
      ],
    ));
  });

  afterEach(() => backend.verify());

  it('sends the bearer to the API', () => {
    http.get(`${API}/api/me`).subscribe();
    expect(backend.expectOne(`${API}/api/me`).request.headers.get('Authorization')).toBe(
      'Bearer at-1',
    );
  });

  it('sends a bearer token without a DPoP proof', () => {
    http.get(`${API}/api/me`).subscribe();
    expect(backend.expectOne(`${API}/api/me`).request.headers.has('DPoP')).toBe(false);
    expect(key.sign).not.toHaveBeenCalled();
  });

  describe('with a DPoP-bound token', () => {
    const USE_NONCE = { status: 401, statusText: 'Unauthorized' };
    const useNonceBody = {
      statusCode: 401,
      error: 'Unauthorized',
      code: 'use_dpop_nonce',
      message: 'm',
    };

    beforeEach(() => (tokenType = 'DPoP'));

    it('sends it with the DPoP scheme and a proof for this request and token', async () => {
      http.get(`${API}/api/chat?x=1`).subscribe();
      await proofSigned();
      const { headers } = backend.expectOne(`${API}/api/chat?x=1`).request;
      expect(headers.get('Authorization')).toBe('DPoP at-1');
      expect(headers.get('DPoP')).toBe(`proof GET ${API}/api/chat ath(at-1)`);
    });

    it.each(['https://api.example.com.evil.io/api/me', 'https://sso.example.com/token'])(
      'sends neither token nor proof to %s',
      async (url) => {
        http.get(url).subscribe();
        await proofSigned();
        const { headers } = backend.expectOne(url).request;
        expect(headers.has('Authorization')).toBe(false);
        expect(headers.has('DPoP')).toBe(false);
      },
    );

    it('retries once with the nonce the API demands, without a refresh', async () => {
      const result = firstValueFrom(http.get(`${API}/api/me`));
      await proofSigned();
      backend
        .expectOne(`${API}/api/me`)
        .flush(useNonceBody, { ...USE_NONCE, headers: new HttpHeaders({ 'DPoP-Nonce': 'api-1' }) });
      await proofSigned();
      const retry = backend.expectOne(`${API}/api/me`);
      expect(retry.request.headers.get('DPoP')).toBe(
        `proof GET ${API}/api/me nonce=api-1 ath(at-1)`,
      );
      retry.flush({ sub: 'u1' });
      await expect(result).resolves.toEqual({ sub: 'u1' });
      expect(session.refresh).not.toHaveBeenCalled();
      expect(TestBed.inject(DpopNonces).get('idp')).toBeUndefined();
    });

    it('signs a POST for its method, and reads a nonce demand from a text body', async () => {
      // A streamed answer is requested as text: its error bodies arrive as strings.
      const url = `${API}/api/chat/completions`;
      const result = firstValueFrom(http.post(url, { messages: [] }, { responseType: 'text' }));
      await proofSigned();
      const first = backend.expectOne(url);
      expect(first.request.headers.get('DPoP')).toBe(`proof POST ${url} ath(at-1)`);
      first.flush(JSON.stringify(useNonceBody), {
        ...USE_NONCE,
        headers: new HttpHeaders({ 'DPoP-Nonce': 'api-1' }),
      });
      await proofSigned();
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('DPoP')).toBe(`proof POST ${url} nonce=api-1 ath(at-1)`);
      expect(retry.request.body).toEqual({ messages: [] });
      retry.flush('data: [DONE]\n\n');
      await expect(result).resolves.toBe('data: [DONE]\n\n');
      expect(session.refresh).not.toHaveBeenCalled();
    });

    it('uses the latest nonce of the API for the next request', async () => {
      TestBed.inject(DpopNonces).remember('idp', new HttpHeaders({ 'DPoP-Nonce': 'idp-1' }));
      http.get(`${API}/api/me`).subscribe();
      await proofSigned();
      backend
        .expectOne(`${API}/api/me`)
        .flush({ sub: 'u1' }, { headers: new HttpHeaders({ 'DPoP-Nonce': 'api-2' }) });
      http.get(`${API}/api/chat`).subscribe();
      await proofSigned();
      expect(backend.expectOne(`${API}/api/chat`).request.headers.get('DPoP')).toBe(
        `proof GET ${API}/api/chat nonce=api-2 ath(at-1)`,
      );
    });

    it('stops after a second nonce demand, neither refreshing nor signing in again', async () => {
      const result = firstValueFrom(http.get(`${API}/api/me`));
      for (const nonce of ['api-1', 'api-2']) {
        await proofSigned();
        backend
          .expectOne(`${API}/api/me`)
          .flush(useNonceBody, { ...USE_NONCE, headers: new HttpHeaders({ 'DPoP-Nonce': nonce }) });
      }
      await expect(result).rejects.toMatchObject({ status: 401 });
      expect(session.refresh).not.toHaveBeenCalled();
      expect(session.reauthenticate).not.toHaveBeenCalled();
    });

    it('refreshes on another 401 and replays with the new token and a new proof', async () => {
      session.refresh.mockImplementation(async () => {
        token = 'at-2';
        return 'refreshed';
      });
      const result = firstValueFrom(http.get(`${API}/api/me`));
      await proofSigned();
      backend.expectOne(`${API}/api/me`).flush({}, { status: 401, statusText: 'Unauthorized' });
      await proofSigned();
      const replay = backend.expectOne(`${API}/api/me`);
      expect(replay.request.headers.get('Authorization')).toBe('DPoP at-2');
      expect(replay.request.headers.get('DPoP')).toBe(`proof GET ${API}/api/me ath(at-2)`);
      replay.flush({ sub: 'u1' });
      await expect(result).resolves.toEqual({ sub: 'u1' });
    });
  });

  it.each([
    'https://api.example.com.evil.io/api/me',
    'https://api.example.com:8443/api/me',
    'http://api.example.com/api/me',
    'https://api.example.com@evil.io/api/me',
    'https://sso.example.com/token',
    '/config.json',
  ])('sends no bearer to %s', (url) => {
    http.get(url).subscribe();
    expect(backend.expectOne(url).request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes once on 401 and replays with the new token', async () => {
    session.refresh.mockImplementation(async () => {
      token = 'at-2';
      return 'refreshed';
    });
    const result = firstValueFrom(http.get(`${API}/api/chat`));
    backend.expectOne(`${API}/api/chat`).flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    const replay = backend.expectOne(`${API}/api/chat`);
    expect(replay.request.headers.get('Authorization')).toBe('Bearer at-2');
    replay.flush({ greeting: 'hi' });
    await expect(result).resolves.toEqual({ greeting: 'hi' });
    expect(session.refresh).toHaveBeenCalledTimes(1);
    expect(session.reauthenticate).not.toHaveBeenCalled();
  });

  it('re-authenticates when the replay is still 401, without a second refresh', async () => {
    session.refresh.mockResolvedValue('refreshed');
    const result = firstValueFrom(http.get(`${API}/api/chat`));
    backend.expectOne(`${API}/api/chat`).flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    backend.expectOne(`${API}/api/chat`).flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(session.refresh).toHaveBeenCalledTimes(1);
    expect(session.reauthenticate).toHaveBeenCalledTimes(1);
  });

  it('re-authenticates without replay when the refresh is rejected', async () => {
    session.refresh.mockResolvedValue('rejected');
    const result = firstValueFrom(http.get(`${API}/api/me`));
    backend.expectOne(`${API}/api/me`).flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(session.reauthenticate).toHaveBeenCalledTimes(1);
  });

  it('explains an unreachable IdP when the refresh gets no answer', async () => {
    session.refresh.mockResolvedValue('unreachable');
    const result = firstValueFrom(http.get(`${API}/api/me`));
    backend.expectOne(`${API}/api/me`).flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(router.navigateByUrl).toHaveBeenCalledWith('/auth-error?reason=idp_unreachable');
    expect(session.reauthenticate).not.toHaveBeenCalled();
  });

  it.each([403, 503])('leaves a %s to the error navigation, without a refresh', async (status) => {
    const result = firstValueFrom(http.get(`${API}/api/chat`));
    backend.expectOne(`${API}/api/chat`).flush({}, { status, statusText: 'Refused' });
    await expect(result).rejects.toMatchObject({ status });
    expect(session.refresh).not.toHaveBeenCalled();
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });
});
