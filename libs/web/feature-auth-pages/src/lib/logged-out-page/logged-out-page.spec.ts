import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthSession } from '@oracle-ai/web/data-access-auth';
import { LoggedOutPage } from './logged-out-page';

describe('LoggedOutPage', () => {
  it('offers "Sign in again"', async () => {
    const login = jest.fn().mockResolvedValue(true);
    TestBed.configureTestingModule({
      imports: [LoggedOutPage],
      providers: [provideRouter([]), { provide: AuthSession, useValue: { login } }],
    });
    const fixture = TestBed.createComponent(LoggedOutPage);
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector('button');
    expect(button?.textContent?.trim()).toBe('Sign in again');
    button?.click();
    expect(login).toHaveBeenCalledWith('/');
  });
});
