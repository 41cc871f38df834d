import { DestroyRef, inject, Injectable } from '@angular/core';

const CHANNEL_NAME = 'oracle-ai.auth';

interface LogoutMessage {
  type: 'logout';
}

/** Tells this app's other tabs that the user logged out, and hears when one of them does. */
@Injectable({ providedIn: 'root' })
export class LogoutBroadcast {
  private readonly channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.channel?.close());
  }

  announce(): void {
    this.channel?.postMessage({ type: 'logout' } satisfies LogoutMessage);
  }

  onLogoutElsewhere(handler: () => void): void {
    this.channel?.addEventListener('message', (event: MessageEvent) => {
      if ((event.data as Partial<LogoutMessage> | null)?.type === 'logout') handler();
    });
  }
}
