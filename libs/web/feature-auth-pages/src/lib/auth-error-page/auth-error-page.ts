import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import {
  authErrorUrl,
  AuthErrorReason,
  AuthSession,
  isAuthErrorReason,
  RUNTIME_CONFIG,
} from '@oracle-ai/web/data-access-auth';

interface Explanation {
  title: string;
  body: string;
  /** Shown to whoever runs the deployment: the user cannot fix these. */
  operatorNote?: string;
}

/** One screen per sign-in failure; "Try again" is always a deliberate click, never automatic. */
@Component({
  selector: 'app-auth-error-page',
  imports: [MatButtonModule],
  templateUrl: './auth-error-page.html',
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthErrorPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly origin = inject(DOCUMENT).location.origin;
  readonly reason = input<string | undefined>();

  protected readonly explanation = computed<Explanation>(() => {
    const reason = this.reason();
    return this.explain(isAuthErrorReason(reason) ? reason : 'login_failed');
  });

  protected async tryAgain(): Promise<void> {
    if (!(await this.session.login('/'))) {
      await this.router.navigateByUrl(authErrorUrl('idp_unreachable'));
    }
  }

  private explain(reason: AuthErrorReason): Explanation {
    switch (reason) {
      case 'access_denied':
        return {
          title: 'Sign-in was cancelled or refused',
          body: 'The single sign-on service did not grant access to Oracle AI. If you cancelled, you can sign in again. If it keeps refusing, ask your administrator whether your account may use this application.',
        };
      case 'login_required':
        return {
          title: 'Please sign in',
          body: 'Your single sign-on session has ended or needs you to sign in again.',
        };
      case 'state_mismatch':
        return {
          title: 'Sign-in could not be verified',
          body: 'The answer from the single sign-on service did not match the sign-in this browser started (this happens with an old tab, the back button or a link opened twice). We retried once automatically. Please start again.',
        };
      case 'issuer_mismatch':
        return {
          title: 'This sign-in could not be trusted',
          body: 'The answer that brought you back to Oracle AI did not come from the single sign-on service this sign-in was started with, so it was discarded and nothing was signed in. Start again from Oracle AI; if you got here by following a link from elsewhere, report it to the service desk.',
          operatorNote: `The authorization response's iss parameter (RFC 9207) was not exactly ${this.config.issuer}, or it was missing although the IdP's discovery document sets authorization_response_iss_parameter_supported. Either another identity provider's response reached ${this.origin}/auth/callback (a mix-up attack), or something between the IdP and the browser rewrote the redirect. The code it carried was not redeemed.`,
        };
      case 'idp_unreachable':
        return {
          title: 'The sign-in service is unreachable',
          body: 'Oracle AI cannot reach the single sign-on service right now. Check your network connection and try again in a moment.',
          operatorNote: `The OpenID Provider at ${this.config.issuer} did not answer its discovery document (/.well-known/openid-configuration), or it names a different issuer.`,
        };
      case 'token_endpoint_blocked':
        return {
          title: 'Sign-in could not be completed',
          body: 'You signed in, but this browser could not collect the session from the single sign-on service. Please try again; if it keeps happening, report it to the service desk.',
          operatorNote: `The browser got no readable answer from the IdP's token endpoint. Most likely the token endpoint of ${this.config.issuer} does not allow CORS requests from ${this.origin}: add ${this.origin} to the allowed origins of the client "${this.config.clientId}".`,
        };
      case 'idp_error':
        return {
          title: 'The sign-in service reported an error',
          body: 'The single sign-on service could not complete your sign-in. Please try again later.',
        };
      case 'session_rejected':
        return {
          title: 'Oracle AI did not accept your sign-in',
          body: 'You signed in, but the Oracle AI service refused the session straight away. Signing in again would not help; please report this to the service desk.',
          operatorNote: `The API answered 401 to an access token issued moments ago by ${this.config.issuer}. Check that the API's AUTH_ISSUER and AUTH_AUDIENCE match what this IdP puts in its access tokens, and that the servers' clocks are in sync.`,
        };
      case 'login_failed':
        return {
          title: 'Sign-in failed',
          body: 'Your sign-in could not be completed. Please try again.',
        };
    }
  }
}
