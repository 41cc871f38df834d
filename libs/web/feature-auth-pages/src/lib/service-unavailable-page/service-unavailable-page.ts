import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { AccessStore, toSafeReturnUrl } from '@oracle-ai/web/data-access-auth';
import { MAX_AUTOMATIC_RETRIES, retryDelayS, RetryRounds } from './retry-rounds';

type Phase = 'waiting' | 'retrying' | 'stopped';

/**
 * The API is down, overloaded or unreachable. The page waits out the API's `Retry-After` (within
 * 1–60 s) with a visible countdown, asks the API again, and returns to the page first asked for as
 * soon as it answers; after {@link MAX_AUTOMATIC_RETRIES} failed attempts it stops and says so.
 * "Retry now" is always there. Never a login loop.
 */
@Component({
  selector: 'app-service-unavailable-page',
  imports: [MatButtonModule],
  templateUrl: './service-unavailable-page.html',
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceUnavailablePage implements OnInit {
  private readonly router = inject(Router);
  private readonly access = inject(AccessStore);
  private readonly rounds = inject(RetryRounds);
  readonly returnUrl = input<string | undefined>();
  /** Seconds, from the API's `Retry-After`. */
  readonly retryAfter = input<string | undefined>();

  protected readonly maxAttempts = MAX_AUTOMATIC_RETRIES;
  protected readonly phase = signal<Phase>('waiting');
  protected readonly secondsLeft = signal(0);
  /** Automatic attempts made and failed so far. */
  protected readonly failedAttempts = signal(0);
  private readonly target = computed(() => {
    const url = toSafeReturnUrl(this.returnUrl());
    return url && !url.startsWith('/service-unavailable') ? url : '/';
  });
  private countdown: ReturnType<typeof setInterval> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.countdown));
  }

  ngOnInit(): void {
    this.failedAttempts.set(this.rounds.failedSoFar());
    this.waitThenRetry(retryDelayS(this.retryAfter()));
  }

  protected retryNow(): Promise<void> {
    this.rounds.reset();
    this.failedAttempts.set(0);
    return this.retry();
  }

  private waitThenRetry(delayS: number): void {
    clearInterval(this.countdown);
    if (this.failedAttempts() >= MAX_AUTOMATIC_RETRIES) {
      this.phase.set('stopped');
      return;
    }
    this.phase.set('waiting');
    this.secondsLeft.set(delayS);
    this.countdown = setInterval(() => {
      this.secondsLeft.update((seconds) => seconds - 1);
      if (this.secondsLeft() > 0) return;
      this.rounds.attempt(this.failedAttempts());
      this.failedAttempts.update((failed) => failed + 1);
      void this.retry();
    }, 1_000);
  }

  /** Asks the API (`/api/me`); once it answers, the guards of the page to return to decide. */
  private async retry(): Promise<void> {
    clearInterval(this.countdown);
    this.phase.set('retrying');
    const decision = await this.access.load();
    if (decision.kind === 'unavailable') {
      this.waitThenRetry(retryDelayS(decision.retryAfterS));
      return;
    }
    this.rounds.reset();
    await this.router.navigateByUrl(this.target());
  }
}
