import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  model,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AnalyticsEvidence } from '@oracle-ai/shared/util-api-contract';
import { ExplanationClient } from '@oracle-ai/web/data-access-analytics';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import { MarkdownView } from '@oracle-ai/web/ui-markdown';
import { switchMap, tap, type Subscription } from 'rxjs';
import { SpanFields } from '../../selection/span-fields/span-fields';
import { explanationFailure } from '../explanation-failure';

/** One explanation on the page, from the click on "Ask the assistant" to its end. */
interface Explanation {
  status: 'evidence' | 'answering' | 'done' | 'stopped' | 'failed';
  evidence?: AnalyticsEvidence;
  answer: string;
  failure?: string;
}

let nextId = 0;

/**
 * "Explain this spike": the span to explain (dragged on the AAS chart, or typed), then the
 * figures the assistant is given (read first, shown as the API wrote them) and its explanation as
 * it is written, rendered like the chat's answers, with Stop. A new database ends what was shown.
 */
@Component({
  selector: 'app-explanation-panel',
  imports: [MarkdownView, MatButtonModule, MatCardModule, MatProgressBarModule, SpanFields],
  templateUrl: './explanation-panel.html',
  styleUrl: './explanation-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'region', '[attr.aria-labelledby]': "id + '-heading'" },
})
export class ExplanationPanel {
  readonly database = input.required<string>();
  readonly span = model<TimeSpan | null>(null);

  private readonly client = inject(ExplanationClient);
  protected readonly id = `explanation-${nextId++}`;
  protected readonly explanation = signal<Explanation | undefined>(undefined);
  protected readonly busy = computed(() => {
    const status = this.explanation()?.status;
    return status === 'evidence' || status === 'answering';
  });
  private running: Subscription | undefined;

  constructor() {
    effect(() => {
      this.database();
      untracked(() => this.clear());
    });
    inject(DestroyRef).onDestroy(() => this.running?.unsubscribe());
  }

  protected ask(): void {
    const span = this.span();
    if (span === null || this.busy()) return;
    const database = this.database();
    this.running?.unsubscribe();
    this.explanation.set({ status: 'evidence', answer: '' });
    this.running = this.client
      .evidence(database, span)
      .pipe(
        tap((evidence) => this.update({ status: 'answering', evidence })),
        switchMap(() => this.client.explain(database, span)),
      )
      .subscribe({
        next: (piece) =>
          this.explanation.update(
            (current) => current && { ...current, answer: current.answer + piece },
          ),
        complete: () => this.update({ status: 'done' }),
        error: (error: unknown) =>
          this.update({
            status: 'failed',
            failure: explanationFailure(error, (this.explanation()?.answer ?? '') !== ''),
          }),
      });
  }

  /** Stops the explanation being written; what arrived stays. */
  protected stop(): void {
    if (!this.busy()) return;
    this.running?.unsubscribe();
    this.update({ status: 'stopped' });
  }

  private clear(): void {
    this.running?.unsubscribe();
    this.explanation.set(undefined);
  }

  private update(change: Partial<Explanation>): void {
    this.explanation.update((current) => current && { ...current, ...change });
  }
}
