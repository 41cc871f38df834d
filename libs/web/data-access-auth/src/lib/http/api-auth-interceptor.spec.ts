import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AccessStore } from '../access/access-store';
import { RefreshOutcome, AuthSession } from '../session/auth-session';
import { apiAuthInterceptor } from './api-auth-interceptor';
import { withoutErrorNavigation } from './api-request-options';
import { ApiRequestMatcher, isApiUrl } from './api-request-matcher';

const API = 'https://api.example.com';

describe('apiAuthInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: string;
  const matcher = {
    matches: (url: string) =>
      isApiUrl(url, API, 'https://app.example.com', ['https://sso.example.com']),
  };
  const session = {
    accessToken: () => token,
    refresh: jest.fn<Promise<RefreshOutcome>, []>(),
    reauthenticate: jest.fn(),
    currentUrl: () => '/analytics',
  };
  const router = { navigate: jest.fn(), navigateByUrl: jest.fn() };
  const access = { recordDenial: jest.fn() };

  beforeEach(() => {
    token = 'at-1';
    jest.clearAllMocks();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiAuthInterceptor])),
        provideHttpClientTesting(),
        { provide: ApiRequestMatcher, useValue: matcher },
        { provide: AuthSession, useValue: session },
        { provide: Router, useValue: router },
        { provide: AccessStore, useValue: access },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
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

  it('sends the user to /forbidden on 403 group_required, remembering the groups', async () => {
    const result = firstValueFrom(http.get(`${API}/api/chat`));
    backend.expectOne(`${API}/api/chat`).flush(
      {
        statusCode: 403,
        error: 'Forbidden',
        code: 'group_required',
        message: 'm',
        requiredGroups: ['oracle-ai-users'],
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await expect(result).rejects.toMatchObject({ status: 403 });
    expect(access.recordDenial).toHaveBeenCalledWith({
      feature: null,
      requiredGroups: ['oracle-ai-users'],
    });
    expect(router.navigateByUrl).toHaveBeenCalledWith('/forbidden');
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it.each([503, 0])('shows service-unavailable on %s, not a login', async (status) => {
    const result = firstValueFrom(http.get(`${API}/api/analytics`));
    const req = backend.expectOne(`${API}/api/analytics`);
    if (status === 0) req.error(new ProgressEvent('error'));
    else req.flush({ code: 'idp_unavailable' }, { status, statusText: 'Service Unavailable' });
    await expect(result).rejects.toMatchObject({ status });
    expect(router.navigate).toHaveBeenCalledWith(['/service-unavailable'], {
      queryParams: { returnUrl: '/analytics' },
    });
    expect(session.refresh).not.toHaveBeenCalled();
    expect(session.reauthenticate).not.toHaveBeenCalled();
  });

  it('leaves navigation to the caller when asked', async () => {
    const result = firstValueFrom(http.get(`${API}/api/me`, withoutErrorNavigation()));
    backend
      .expectOne(`${API}/api/me`)
      .flush({}, { status: 503, statusText: 'Service Unavailable' });
    await expect(result).rejects.toMatchObject({ status: 503 });
    expect(router.navigate).not.toHaveBeenCalled();
  });
});
