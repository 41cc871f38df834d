import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import {
  AssistantClient,
  AssistantError,
  conversationMessages,
  type AssistantFailure,
  type Exchange,
} from '@oracle-ai/web/data-access-assistant';
import { AuthSession } from '@oracle-ai/web/data-access-auth';
import type { Subscription } from 'rxjs';
import { ChatTurn } from './chat-turn';
import { failureMessage } from './failure-message';

/** How often a streamed answer is shown anew, at most: smooth to read, cheap to render. */
export const ANSWER_REFRESH_MS = 50;

/**
 * The conversation with the assistant: its turns, one answer at a time. It lives in memory only,
 * like the tokens — never in storage or the URL — for as long as the page and the session do
 * (root-provided: it survives moving to another page of the app and back; a reload loses it, and
 * so does the end of the session, here or in another tab).
 */
@Injectable({ providedIn: 'root' })
export class Conversation {
  private readonly client = inject(AssistantClient);
  private readonly allTurns = signal<readonly ChatTurn[]>([]);
  private readonly spoken = signal('');
  /** The answer being written: its turn, its request, and how to show what is still buffered. */
  private current: { turn: ChatTurn; subscription: Subscription; show(): void } | null = null;
  private nextId = 1;

  readonly turns = this.allTurns.asReadonly();
  /** The last turn while its answer is being written. */
  readonly answering = computed(() => this.allTurns().at(-1)?.status() === 'answering');
  /** What a screen reader is told of the conversation's progress (never every piece of text). */
  readonly announcement = this.spoken.asReadonly();

  constructor() {
    const session = inject(AuthSession);
    effect(() => {
      if (!session.isAuthenticated()) untracked(() => this.forget());
    });
  }

  /** Asks `question` (trimmed; nothing when blank or while an answer is being written). */
  ask(question: string): boolean {
    const text = question.trim();
    if (text === '' || this.answering()) return false;
    const turn = new ChatTurn(this.nextId++, text);
    this.allTurns.update((turns) => [...turns, turn]);
    this.answer(turn);
    return true;
  }

  /** Stops the answer being written: the request is aborted, what arrived stays. */
  stop(): void {
    if (!this.current) return;
    const { turn, subscription, show } = this.current;
    this.current = null;
    show();
    subscription.unsubscribe();
    turn.stop();
    this.spoken.set('Answer stopped.');
  }

  /** Asks the last question again, when its answer stopped or failed. */
  retry(): void {
    const turn = this.allTurns().at(-1);
    if (!turn || !turn.retryable() || turn.waitingToRetry()) return;
    this.answer(turn);
  }

  /** Forgets everything, stopping the answer being written. */
  startOver(): void {
    this.forget();
    this.spoken.set('New conversation started.');
  }

  private forget(): void {
    this.stop();
    this.allTurns.set([]);
    this.spoken.set('');
  }

  private answer(turn: ChatTurn): void {
    const history: Exchange[] = this.allTurns()
      .filter((earlier) => earlier !== turn)
      .map((earlier) => ({ question: earlier.question, answer: earlier.answer() }));
    const { messages, omittedExchanges } = conversationMessages(history, turn.question);
    turn.begin(omittedExchanges);
    this.spoken.set('The assistant is answering.');

    let pending = '';
    let refresh: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      clearTimeout(refresh);
      refresh = undefined;
      if (pending !== '') turn.append(pending);
      pending = '';
    };
    const subscription = this.client.answer(messages).subscribe({
      next: (text) => {
        pending += text;
        refresh ??= setTimeout(show, ANSWER_REFRESH_MS);
      },
      complete: () => {
        show();
        this.current = null;
        turn.complete();
        this.spoken.set('Answer complete.');
      },
      error: (error: unknown) => {
        show();
        this.current = null;
        const failure: AssistantFailure =
          error instanceof AssistantError ? error.failure : { kind: 'failed' };
        turn.fail(failure);
        this.waitBeforeRetry(turn, failure);
        this.spoken.set(failureMessage(failure, turn.answer() !== ''));
      },
    });
    // An answer that failed at once (synchronously) is over already.
    if (turn.status() === 'answering') {
      this.current = { turn, subscription, show };
      subscription.add(() => clearTimeout(refresh));
    }
  }

  private waitBeforeRetry(turn: ChatTurn, failure: AssistantFailure): void {
    if (failure.kind !== 'rate_limited' || !failure.retryAfterS) return;
    turn.waitBeforeRetry(true);
    setTimeout(() => turn.waitBeforeRetry(false), failure.retryAfterS * 1000);
  }
}
