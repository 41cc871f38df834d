import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  FORBIDDEN,
  groupRequiredBody,
  interceptedHttp,
  TEST_API as API,
} from '../../../testing/api-test-bed';
import { apiAuthInterceptor } from '../../http/api-auth-interceptor';
import { AuthSession, RefreshOutcome } from '../../session/auth-session';
import { AccessDenialRecord } from '../access-denial';
import { apiErrorNavigationInterceptor, withoutErrorNavigation } from './api-error-navigation';

describe('apiErrorNavigationInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  const session = {
    accessToken: () => 'at-1',
    accessTokenType: () => 'Bearer',
    refresh: jest.fn<Promise<RefreshOutcome>, []>(),
    reauthenticate: jest.fn(),
    currentUrl: () => '/analytics',
  };
  const router = { navigateByUrl: jest.fn() };

  beforeEach(() => {
    jest.clearAllMocks();
    ({ http, backend } = interceptedHttp(
      // As provideAuth registers them: the error navigation outside the token handling.
      [apiErrorNavigationInterceptor, apiAuthInterceptor],
      [
        { provide: AuthSession, useValue: session },
        { provide: Router, useValue: router },
      ],
    ));
  });

  afterEach(() => backend.verify());

  it('sends the user to /forbidden on 403 group_required, remembering the groups', async () => {
    const result = firstValueFrom(http.get(`${API}/api/chat`));
    backend.expectOne(`${API}/api/chat`).flush(groupRequiredBody(['oracle-ai-users']), FORBIDDEN);
    await expect(result).rejects.toMatchObject({ status: 403 });
    expect(TestBed.inject(AccessDenialRecord).latest()).toEqual({
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
    expect(router.navigateByUrl).toHaveBeenCalledWith(
      '/service-unavailable?returnUrl=%2Fanalytics',
    );
    expect(session.refresh).not.toHaveBeenCalled();
    expect(session.reauthenticate).not.toHaveBeenCalled();
  });

  it("passes the API's Retry-After on to the page that waits it out", async () => {
    const result = firstValueFrom(http.get(`${API}/api/analytics`));
    backend
      .expectOne(`${API}/api/analytics`)
      .flush(
        { code: 'overloaded' },
        { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '7' } },
      );
    await expect(result).rejects.toMatchObject({ status: 503 });
    expect(router.navigateByUrl).toHaveBeenCalledWith(
      '/service-unavailable?returnUrl=%2Fanalytics&retryAfter=7',
    );
  });

  it('leaves navigation to the caller when asked', async () => {
    const result = firstValueFrom(http.get(`${API}/api/me`, withoutErrorNavigation()));
    backend
      .expectOne(`${API}/api/me`)
      .flush({}, { status: 503, statusText: 'Service Unavailable' });
    await expect(result).rejects.toMatchObject({ status: 503 });
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it('does not navigate for a request that is not to the API', async () => {
    const result = firstValueFrom(http.get('/config.json'));
    backend.expectOne('/config.json').flush({}, { status: 503, statusText: 'Service Unavailable' });
    await expect(result).rejects.toMatchObject({ status: 503 });
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });
});
