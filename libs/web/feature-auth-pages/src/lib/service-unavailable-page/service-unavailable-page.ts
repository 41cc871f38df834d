import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { toSafeReturnUrl } from '@oracle-ai/web/data-access-auth';

/** The API is down or unreachable: explain and offer a retry, never a login loop. */
@Component({
  selector: 'app-service-unavailable-page',
  imports: [MatButtonModule],
  template: `
    <section aria-labelledby="unavailable-title" class="auth-page">
      <h1 id="unavailable-title">Oracle AI is temporarily unavailable</h1>
      <p>
        The service could not be reached or could not verify your session right now. Your sign-in is
        fine; please try again in a moment.
      </p>
      <div class="actions">
        <button mat-flat-button type="button" (click)="retry()">Retry</button>
      </div>
    </section>
  `,
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceUnavailablePage {
  private readonly router = inject(Router);
  readonly returnUrl = input<string | undefined>();
  private readonly target = computed(() => {
    const url = toSafeReturnUrl(this.returnUrl());
    return url && !url.startsWith('/service-unavailable') ? url : '/';
  });

  protected retry(): Promise<boolean> {
    return this.router.navigateByUrl(this.target());
  }
}
