import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FORBIDDEN, groupRequiredBody } from '../../testing/api-test-bed';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { AuthSession } from '../session/auth-session';
import { AccessStore } from './access-store';

const API = 'http://localhost:3000';
const meBody = {
  sub: 'u1',
  username: 'alice',
  groups: ['database'],
  access: { chat: true, analytics: true },
  expiresAt: '2026-01-01T00:00:00Z',
};

describe('AccessStore', () => {
  const sessionId = signal(1);
  let store: AccessStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    sessionId.set(1);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: API } },
        { provide: AuthSession, useValue: { sessionId: sessionId.asReadonly() } },
      ],
    });
    store = TestBed.inject(AccessStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('asks /api/me once per session', async () => {
    const first = store.load();
    const second = store.load();
    backend.expectOne(`${API}/api/me`).flush(meBody);
    expect(await first).toEqual({ kind: 'granted', me: meBody });
    expect(await second).toBe(await first);
    expect(store.me()).toEqual(meBody);

    await store.load();
    backend.expectNone(`${API}/api/me`);

    sessionId.set(2);
    expect(store.me()).toBeNull();
    void store.load();
    backend.expectOne(`${API}/api/me`).flush(meBody);
  });

  it('turns 403 group_required into a denial naming the groups', async () => {
    const decision = store.load();
    backend.expectOne(`${API}/api/me`).flush(groupRequiredBody(['database']), FORBIDDEN);
    expect(await decision).toEqual({ kind: 'denied', requiredGroups: ['database'] });
    expect(store.denial()).toEqual({ feature: null, requiredGroups: ['database'] });
    expect(await store.requiredGroupsFor(null)).toEqual(['database']);
  });

  it('does not cache an unavailable API, so a retry asks again', async () => {
    const decision = store.load();
    backend.expectOne(`${API}/api/me`).flush({}, { status: 503, statusText: 'Unavailable' });
    expect(await decision).toEqual({ kind: 'unavailable' });
    await Promise.resolve();
    void store.load();
    backend.expectOne(`${API}/api/me`).flush(meBody);
  });

  it('counts a nonce demand that outlived its retry as an unavailable API', async () => {
    const decision = store.load();
    backend
      .expectOne(`${API}/api/me`)
      .flush(
        { statusCode: 401, error: 'Unauthorized', code: 'use_dpop_nonce', message: 'm' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(decision).resolves.toEqual({ kind: 'unavailable' });
  });

  it('learns the groups a feature needs from the API itself', async () => {
    const groups = store.requiredGroupsFor('chat');
    backend.expectOne(`${API}/api/chat`).flush(groupRequiredBody(['oracle-ai-users']), FORBIDDEN);
    expect(await groups).toEqual(['oracle-ai-users']);
  });
});
