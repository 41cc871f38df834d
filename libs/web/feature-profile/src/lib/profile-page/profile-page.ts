import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AccessStore, AuthSession } from '@oracle-ai/web/data-access-auth';

/**
 * Who the API thinks you are (`GET /api/me`, already cached by the guard), completed with the
 * ID token's profile claims (access tokens often carry no name or email), and when the token expires.
 */
@Component({
  selector: 'app-profile-page',
  imports: [DatePipe],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly session = inject(AuthSession);
  protected readonly me = inject(AccessStore).me;
  protected readonly tokenExpiresAt = this.session.accessTokenExpiresAt;
  protected readonly name = computed(() => this.me()?.name ?? this.session.claims()?.name);
  protected readonly email = computed(() => this.me()?.email ?? this.session.claims()?.email);
}
