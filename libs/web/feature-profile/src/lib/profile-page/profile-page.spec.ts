import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AccessStore, AuthSession } from '@oracle-ai/web/data-access-auth';
import { MeResponse } from '@oracle-ai/shared/util-api-contract';
import { ProfilePage } from './profile-page';

describe('ProfilePage', () => {
  let claims: { sub: string; name?: string; email?: string } = { sub: 'u1' };

  it('shows name, username, email, groups, access and token expiry', async () => {
    const me: MeResponse = {
      sub: 'u1',
      username: 'dave',
      name: 'Dave Davis',
      email: 'dave@example.com',
      groups: ['CN=database,OU=Groups,DC=example,DC=com'],
      access: { chat: true, analytics: true },
      expiresAt: '2026-11-24T07:00:00Z',
      dpopBound: false,
    };
    TestBed.configureTestingModule({
      imports: [ProfilePage],
      providers: [
        { provide: AccessStore, useValue: { me: signal(me) } },
        {
          provide: AuthSession,
          useValue: { accessTokenExpiresAt: signal(Date.now()), claims: signal(claims) },
        },
      ],
    });
    const fixture = TestBed.createComponent(ProfilePage);
    await fixture.whenStable();
    const text: string = fixture.nativeElement.textContent;
    expect(text).toContain('Dave Davis');
    expect(text).toContain('dave@example.com');
    expect(text).toContain('CN=database,OU=Groups,DC=example,DC=com');
    expect(text).toContain('Chat: yes');
    expect(text).toContain('Access token expires');
  });

  it('falls back to the ID token for name and email', async () => {
    claims = { sub: 'u1', name: 'Alice Archer', email: 'alice@example.com' };
    TestBed.configureTestingModule({
      imports: [ProfilePage],
      providers: [
        {
          provide: AccessStore,
          useValue: {
            me: signal({
              sub: 'u1',
              username: 'alice',
              groups: [],
              access: { chat: true, analytics: true },
              expiresAt: '2026-11-24T07:00:00Z',
              dpopBound: false,
            }),
          },
        },
        {
          provide: AuthSession,
          useValue: { accessTokenExpiresAt: signal(null), claims: signal(claims) },
        },
      ],
    });
    const fixture = TestBed.createComponent(ProfilePage);
    await fixture.whenStable();
    const text: string = fixture.nativeElement.textContent;
    expect(text).toContain('Alice Archer');
    expect(text).toContain('alice@example.com');
  });
});
