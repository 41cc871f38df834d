import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { interceptedHttp, TEST_API as API } from '../../testing/api-test-bed';
import { AuthSession, RefreshOutcome } from '../session/auth-session';
import { apiAuthInterceptor } from './api-auth-interceptor';

describe('apiAuthInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: string;
  const session = {
    accessToken: () => token,
    refresh: jest.fn<Promise<RefreshOutcome>, []>(),
    reauthenticate: jest.fn(),
  };
  const router = { navigateByUrl: jest.fn() };

  beforeEach(() => {
    token = 'at-1';
    jest.clearAllMocks();
    ({ http, backend } = interceptedHttp(
      [apiAuthInterceptor],
      [
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
