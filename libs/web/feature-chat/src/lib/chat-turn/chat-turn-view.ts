import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MarkdownView } from '@oracle-ai/web/ui-markdown';
import type { ChatTurn } from '../conversation/chat-turn';
import { failureMessage } from '../conversation/failure-message';

/** How long "Copied" shows after a copy. */
const COPY_FEEDBACK_MS = 2_000;

/** One question and its answer: the answer as formatted text, how it ended, Copy and Retry. */
@Component({
  selector: 'app-chat-turn',
  imports: [MarkdownView, MatButtonModule, MatProgressBarModule],
  templateUrl: './chat-turn-view.html',
  styleUrl: './chat-turn-view.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatTurnView {
  readonly turn = input.required<ChatTurn>();
  /** Its place in the conversation, from 1. */
  readonly position = input.required<number>();
  /** Only the last answer can be asked for again: later ones were asked after it. */
  readonly last = input(false);
  readonly retry = output<void>();

  private readonly clipboard = inject(Clipboard);
  private readonly copyFeedback = signal<string>('');
  private copyFeedbackTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly feedback = this.copyFeedback.asReadonly();
  protected readonly omittedNote = computed(() => {
    const omitted = this.turn().omittedExchanges();
    const which =
      omitted === 1
        ? 'The oldest question and answer'
        : `The ${omitted} oldest questions and answers`;
    return `${which} of this conversation were not sent with this question: the assistant reads only so much of a conversation.`;
  });
  protected readonly failureText = computed(() => {
    const failure = this.turn().failure();
    return failure ? failureMessage(failure, this.turn().answer() !== '') : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.copyFeedbackTimer));
  }

  protected copy(): void {
    const copied = this.clipboard.copy(this.turn().answer());
    this.copyFeedback.set(copied ? 'Copied' : 'Could not copy: select the text and copy it');
    clearTimeout(this.copyFeedbackTimer);
    this.copyFeedbackTimer = setTimeout(() => this.copyFeedback.set(''), COPY_FEEDBACK_MS);
  }
}
