import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthSession, RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { AuthErrorPage } from './auth-error-page';

describe('AuthErrorPage', () => {
  const login = jest.fn().mockResolvedValue(true);

  async function render(reason: string) {
    TestBed.configureTestingModule({
      imports: [AuthErrorPage],
      providers: [
        provideRouter([]),
        { provide: AuthSession, useValue: { login } },
        {
          provide: RUNTIME_CONFIG,
          useValue: { issuer: 'https://sso.example.com', clientId: 'oracle-ai-web' },
        },
      ],
    });
    const fixture = TestBed.createComponent(AuthErrorPage);
    fixture.componentRef.setInput('reason', reason);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it.each([
    ['access_denied', 'Sign-in was cancelled or refused'],
    ['login_required', 'Please sign in'],
    ['state_mismatch', 'Sign-in could not be verified'],
    ['issuer_mismatch', 'This sign-in could not be trusted'],
    ['idp_unreachable', 'The sign-in service is unreachable'],
    ['token_endpoint_blocked', 'Sign-in could not be completed'],
    ['session_rejected', 'Oracle AI did not accept your sign-in'],
    ['<script>', 'Sign-in failed'],
  ])('explains %s', async (reason, title) => {
    const element = await render(reason);
    expect(element.querySelector('h1')?.textContent).toBe(title);
  });

  it('tells operators how to fix token endpoint CORS', async () => {
    const element = await render('token_endpoint_blocked');
    const note = element.querySelector('aside')?.textContent ?? '';
    expect(note).toContain('CORS');
    expect(note).toContain('https://sso.example.com');
    expect(note).toContain(location.origin);
  });

  it('tells operators what an issuer mismatch means and which issuer was expected', async () => {
    const element = await render('issuer_mismatch');
    const note = element.querySelector('aside')?.textContent ?? '';
    expect(note).toContain('RFC 9207');
    expect(note).toContain('https://sso.example.com');
    expect(note).toContain('authorization_response_iss_parameter_supported');
    expect(note).toContain('mix-up');
  });

  it('starts a new sign-in only when the user asks', async () => {
    const element = await render('state_mismatch');
    expect(login).not.toHaveBeenCalled();
    element.querySelector('button')?.click();
    expect(login).toHaveBeenCalledWith('/');
  });
});
