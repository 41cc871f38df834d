import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MeResponse } from '@oracle-ai/shared/util-api-contract';
import { AccessStore, AuthSession } from '@oracle-ai/web/data-access-auth';
import { App } from './app';

describe('App shell', () => {
  const me = signal<MeResponse | null>(null);
  const session = {
    redirecting: signal(false),
    isAuthenticated: signal(true),
    displayName: signal('alice'),
    logout: jest.fn().mockResolvedValue(undefined),
  };

  beforeEach(() => {
    me.set({
      sub: 'u1',
      username: 'bob',
      name: 'Bob Builder',
      groups: ['database'],
      access: { chat: false, analytics: true },
      expiresAt: '2026-01-01T00:00:00Z',
      dpopBound: false,
    });
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([]),
        { provide: AuthSession, useValue: session },
        { provide: AccessStore, useValue: { me } },
      ],
    });
  });

  it('shows the user name and hides chat from the nav without chat access', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('main')).not.toBeNull();
    expect(element.textContent).toContain('Bob Builder');
    const labels = Array.from(element.querySelectorAll('nav a')).map((a) => a.textContent?.trim());
    expect(labels).toEqual(['Analytics', 'Profile']);
  });

  it('logs out from the header', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('header button')
      ?.click();
    expect(session.logout).toHaveBeenCalled();
  });
});
