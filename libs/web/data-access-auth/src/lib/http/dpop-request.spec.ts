import {
  HttpClient,
  HttpErrorResponse,
  HttpHeaders,
  HttpInterceptorFn,
} from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { interceptedHttp, TEST_API as API } from '../../testing/api-test-bed';
import { FakeDpopKey, fakeDpopKeyProviders, proofSigned } from '../../testing/fake-dpop-key';
import { DpopNonces } from '../dpop/dpop-nonces';
import { dpopSender } from './dpop-request';

const URL = `${API}/api/me`;
const DEMAND = { status: 401, statusText: 'Unauthorized' };

describe('dpopSender', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let key: FakeDpopKey;
  const demandsNonce = jest.fn((error: HttpErrorResponse) => error.status === 401);

  beforeEach(() => {
    key = new FakeDpopKey();
    demandsNonce.mockClear();
    const interceptor: HttpInterceptorFn = (req, next) =>
      dpopSender({ server: 'api', demandsNonce })(req, next, 'at-1');
    ({ http, backend } = interceptedHttp([interceptor], fakeDpopKeyProviders(key)));
  });

  afterEach(() => backend.verify());

  const demand = (nonce?: string) =>
    backend
      .expectOne(URL)
      .flush({}, { ...DEMAND, headers: new HttpHeaders(nonce ? { 'DPoP-Nonce': nonce } : {}) });

  it('signs each request for its method, URL (no query) and token, with the latest nonce', async () => {
    TestBed.inject(DpopNonces).remember('api', new HttpHeaders({ 'DPoP-Nonce': 'api-0' }));
    void firstValueFrom(http.get(`${URL}?x=1`));
    await proofSigned();
    const { headers } = backend.expectOne(`${URL}?x=1`).request;
    expect(headers.get('DPoP')).toBe(`proof GET ${URL} nonce=api-0 ath(at-1)`);
  });

  it('keeps a nonce a successful answer hands over', async () => {
    void firstValueFrom(http.get(URL));
    await proofSigned();
    backend.expectOne(URL).flush({}, { headers: new HttpHeaders({ 'DPoP-Nonce': 'api-1' }) });
    expect(TestBed.inject(DpopNonces).get('api')).toBe('api-1');
  });

  it('sends once more, with a new proof carrying the demanded nonce', async () => {
    const response = firstValueFrom(http.get(URL));
    await proofSigned();
    demand('api-1');
    await proofSigned();
    const retry = backend.expectOne(URL);
    expect(retry.request.headers.get('DPoP')).toBe(`proof GET ${URL} nonce=api-1 ath(at-1)`);
    retry.flush({ ok: true });
    await expect(response).resolves.toEqual({ ok: true });
  });

  it('never sends a third time', async () => {
    const response = firstValueFrom(http.get(URL));
    for (const nonce of ['api-1', 'api-2']) {
      await proofSigned();
      demand(nonce);
    }
    await expect(response).rejects.toMatchObject({ status: 401 });
    expect(key.sign).toHaveBeenCalledTimes(2);
  });

  it('does not retry a demand that names no nonce', async () => {
    const response = firstValueFrom(http.get(URL));
    await proofSigned();
    demand();
    await expect(response).rejects.toMatchObject({ status: 401 });
    expect(key.sign).toHaveBeenCalledTimes(1);
  });
});
