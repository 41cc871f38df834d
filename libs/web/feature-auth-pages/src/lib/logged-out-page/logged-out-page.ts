import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { AuthSession, authErrorUrl } from '@oracle-ai/web/data-access-auth';

/** Where the IdP sends the browser after RP-initiated logout (and where other tabs are sent). */
@Component({
  selector: 'app-logged-out-page',
  imports: [MatButtonModule],
  template: `
    <section aria-labelledby="logged-out-title" class="auth-page">
      <h1 id="logged-out-title">You are signed out</h1>
      <p>Your Oracle AI session has ended, including your single sign-on session.</p>
      <div class="actions">
        <button mat-flat-button type="button" (click)="signIn()">Sign in again</button>
      </div>
    </section>
  `,
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoggedOutPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected async signIn(): Promise<void> {
    if (!(await this.session.login('/'))) {
      await this.router.navigateByUrl(authErrorUrl('idp_unreachable'));
    }
  }
}
