import { DOCUMENT } from '@angular/common';
import { DestroyRef, inject, Injectable } from '@angular/core';

const REFRESH_AT_FRACTION_OF_LIFETIME = 0.75;
const MIN_REFRESH_DELAY_MS = 1_000;
/** On wake-up (tab visible again, network back) refresh if the token expires within this window. */
const STALE_WITHIN_MS = 60_000;

/**
 * When the access token should be refreshed in the background: at 75 % of its remaining lifetime,
 * and on wake-up when it is about to expire, because timers do not fire while a laptop sleeps.
 */
@Injectable({ providedIn: 'root' })
export class RefreshSchedule {
  private readonly document = inject(DOCUMENT);

  private expiresAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refresh: () => void = () => undefined;

  constructor() {
    const view = this.document.defaultView;
    const onWakeUp = () => {
      if (this.document.visibilityState === 'visible') this.refreshIfStale();
    };
    this.document.addEventListener('visibilitychange', onWakeUp);
    view?.addEventListener('online', onWakeUp);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onWakeUp);
      view?.removeEventListener('online', onWakeUp);
      clearTimeout(this.timer);
    });
  }

  /** What to run whenever a refresh is due. */
  onDue(refresh: () => void): void {
    this.refresh = refresh;
  }

  /** Plans around a token that expires at `expiresAt`; `null` (no token) cancels. */
  plan(expiresAt: number | null): void {
    this.expiresAt = expiresAt;
    clearTimeout(this.timer);
    if (!expiresAt) return;
    const delay = Math.max(
      MIN_REFRESH_DELAY_MS,
      (expiresAt - Date.now()) * REFRESH_AT_FRACTION_OF_LIFETIME,
    );
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  private refreshIfStale(): void {
    if (this.expiresAt && this.expiresAt - Date.now() <= STALE_WITHIN_MS) this.refresh();
  }
}
