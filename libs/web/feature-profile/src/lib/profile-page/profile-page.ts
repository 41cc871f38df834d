import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AccessStore, AuthSession } from '@oracle-ai/web/data-access-auth';

/** Who the API thinks you are (`GET /api/me`, already cached by the guard) and when the token expires. */
@Component({
  selector: 'app-profile-page',
  imports: [DatePipe],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  protected readonly me = inject(AccessStore).me;
  protected readonly tokenExpiresAt = inject(AuthSession).accessTokenExpiresAt;
}
