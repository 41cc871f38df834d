import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AccessStore, AuthSession } from '@oracle-ai/web/data-access-auth';
import { AppHeader, NavLink } from '@oracle-ai/web/ui-layout';

/** The shell: header for signed-in users, one main landmark for the routed page. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, AppHeader],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly session = inject(AuthSession);
  private readonly access = inject(AccessStore);

  protected readonly redirecting = this.session.redirecting;
  protected readonly userName = computed(() =>
    this.session.isAuthenticated() ? (this.access.me()?.name ?? this.session.displayName()) : null,
  );
  protected readonly links = computed<NavLink[]>(() => {
    const me = this.access.me();
    if (!me || !this.session.isAuthenticated()) return [];
    return [
      ...(me.access.chat ? [{ path: '/chat', label: 'Chat' }] : []),
      ...(me.access.analytics ? [{ path: '/analytics', label: 'Analytics' }] : []),
      { path: '/profile', label: 'Profile' },
    ];
  });

  protected logOut(): Promise<void> {
    return this.session.logout();
  }
}
