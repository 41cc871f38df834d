import { computed, signal } from '@angular/core';
import type { AssistantFailure } from '@oracle-ai/web/data-access-assistant';

export type TurnStatus = 'answering' | 'answered' | 'stopped' | 'failed';

/**
 * One question and its answer, as it is written. The conversation changes it; views read its
 * signals. The answer's text is all that arrived, also when the answer stopped or failed.
 */
export class ChatTurn {
  private readonly answerText = signal('');
  private readonly currentStatus = signal<TurnStatus>('answering');
  private readonly currentFailure = signal<AssistantFailure | null>(null);
  private readonly retryWaiting = signal(false);
  private readonly omitted = signal(0);

  readonly answer = this.answerText.asReadonly();
  readonly status = this.currentStatus.asReadonly();
  readonly failure = this.currentFailure.asReadonly();
  /** The API asked to wait before this question is asked again (429's `Retry-After`). */
  readonly waitingToRetry = this.retryWaiting.asReadonly();
  /** Earlier exchanges left out of this question's request to fit the API's limits. */
  readonly omittedExchanges = this.omitted.asReadonly();
  /** A stopped or failed answer may be asked for again, unless asking again cannot help. */
  readonly retryable = computed(() => {
    const failure = this.currentFailure();
    if (this.currentStatus() === 'stopped') return true;
    return failure !== null && !['refused', 'denied', 'signed_out'].includes(failure.kind);
  });

  constructor(
    readonly id: number,
    readonly question: string,
  ) {}

  /** (Again) waiting for an answer, with nothing of one yet. */
  begin(omittedExchanges: number): void {
    this.answerText.set('');
    this.currentStatus.set('answering');
    this.currentFailure.set(null);
    this.omitted.set(omittedExchanges);
  }

  append(text: string): void {
    this.answerText.update((answer) => answer + text);
  }

  complete(): void {
    this.currentStatus.set('answered');
  }

  stop(): void {
    this.currentStatus.set('stopped');
  }

  fail(failure: AssistantFailure): void {
    this.currentFailure.set(failure);
    this.currentStatus.set('failed');
  }

  waitBeforeRetry(waiting: boolean): void {
    this.retryWaiting.set(waiting);
  }
}
