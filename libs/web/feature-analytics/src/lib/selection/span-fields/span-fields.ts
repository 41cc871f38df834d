import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  model,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import { spanProblem } from '../analytics-selection';
import { fromLocalInputValue, toLocalInputValue } from './local-time';

let nextId = 0;

/**
 * Two fields, "From" and "To", in the reader's local time: the keyboard's way of choosing a span
 * of time. `span` changes only when both hold a valid span (start before end, at most 7 days);
 * until then the fields keep what was typed and say what is wrong.
 */
@Component({
  selector: 'app-span-fields',
  imports: [MatFormFieldModule, MatInputModule],
  templateUrl: './span-fields.html',
  styleUrl: './span-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpanFields {
  readonly span = model<TimeSpan | null>(null);
  /** What the span is for, e.g. "Custom range". */
  readonly legend = input.required<string>();

  protected readonly id = `span-fields-${nextId++}`;
  protected readonly fromText = linkedSignal(() => toLocalInputValue(this.span()?.from));
  protected readonly toText = linkedSignal(() => toLocalInputValue(this.span()?.to));
  protected readonly problem = computed(() => {
    if (this.fromText() === '' && this.toText() === '') return undefined;
    const problem = spanProblem(this.draft());
    return problem === undefined ? undefined : `Cannot use this span: ${problem}.`;
  });

  protected setFrom(value: string): void {
    this.fromText.set(value);
    this.publish();
  }

  protected setTo(value: string): void {
    this.toText.set(value);
    this.publish();
  }

  private draft(): TimeSpan {
    return { from: fromLocalInputValue(this.fromText()), to: fromLocalInputValue(this.toText()) };
  }

  private publish(): void {
    const span = this.draft();
    const current = this.span();
    if (spanProblem(span) !== undefined) return;
    if (current?.from === span.from && current.to === span.to) return;
    this.span.set(span);
  }
}
