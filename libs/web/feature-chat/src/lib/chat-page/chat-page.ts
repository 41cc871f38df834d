import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ApiClient } from '@oracle-ai/web/data-access-auth';
import { ChatResource } from '@oracle-ai/shared/util-api-contract';

/** The assistant's chat page: greeting and suggested questions from `GET /api/chat`. */
@Component({
  selector: 'app-chat-page',
  imports: [MatCardModule],
  templateUrl: './chat-page.html',
  styleUrl: './chat-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPage {
  private readonly api = inject(ApiClient);
  protected readonly chat = httpResource<ChatResource>(() => this.api.url('/api/chat'));
}
