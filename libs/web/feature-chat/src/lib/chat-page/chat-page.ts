import { httpResource } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  viewChild,
  viewChildren,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ApiClient } from '@oracle-ai/web/data-access-auth';
import { ChatResource } from '@oracle-ai/shared/util-api-contract';
import { ChatTurnView } from '../chat-turn/chat-turn-view';
import { Conversation } from '../conversation/conversation';
import { QuestionBox } from '../question-box/question-box';

/**
 * The assistant's chat page: the greeting and suggested questions of `GET /api/chat` until the
 * first question, then the conversation, its answers written as they stream.
 */
@Component({
  selector: 'app-chat-page',
  imports: [MatButtonModule, ChatTurnView, QuestionBox],
  templateUrl: './chat-page.html',
  styleUrl: './chat-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPage {
  private readonly api = inject(ApiClient);
  private readonly injector = inject(Injector);
  protected readonly chat = httpResource<ChatResource>(() => this.api.url('/api/chat'));
  protected readonly conversation = inject(Conversation);
  /** The API says no model server answers its assistant: nothing can be asked. */
  protected readonly unconfigured = computed(
    () => this.chat.hasValue() && !this.chat.value().assistantConfigured,
  );

  private readonly questionBox = viewChild.required(QuestionBox);
  private readonly turnViews = viewChildren(ChatTurnView, { read: ElementRef });

  protected ask(question: string): void {
    if (!this.conversation.ask(question)) return;
    // The new question at the top of the view, its answer written below it.
    afterNextRender(
      () => {
        const turn: HTMLElement | undefined = this.turnViews().at(-1)?.nativeElement;
        turn?.scrollIntoView({ block: 'start' });
      },
      { injector: this.injector },
    );
  }

  protected askSuggestion(question: string): void {
    this.ask(question);
    this.questionBox().focus();
  }

  protected stop(): void {
    this.conversation.stop();
    this.questionBox().focus();
  }

  protected retry(): void {
    this.conversation.retry();
    this.questionBox().focus();
  }

  protected startOver(): void {
    this.conversation.startOver();
    this.questionBox().focus();
  }
}
