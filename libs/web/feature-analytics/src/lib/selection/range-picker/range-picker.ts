import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import { RELATIVE_RANGES, type RangeChoice, type RelativeRangeKey } from '../analytics-selection';
import { SpanFields } from '../span-fields/span-fields';

type Choice = RelativeRangeKey | 'custom';

/**
 * The time range: the last hour, 6 h, 24 h or 7 days, or a custom span typed in "From" and "To"
 * and applied with its button (nothing is asked while a custom span is being typed).
 */
@Component({
  selector: 'app-range-picker',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, SpanFields],
  templateUrl: './range-picker.html',
  styleUrl: './range-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RangePicker {
  readonly range = input.required<RangeChoice>();
  /** What the range covers now: the custom fields start from it. */
  readonly span = input.required<TimeSpan>();
  readonly rangeChange = output<RangeChoice>();

  protected readonly ranges = RELATIVE_RANGES;
  protected readonly choice = linkedSignal<Choice>(() => {
    const range = this.range();
    return range.kind === 'relative' ? range.key : 'custom';
  });
  protected readonly customSpan = linkedSignal<TimeSpan | null>(() => this.span());
  protected readonly customChanged = computed(() => {
    const custom = this.customSpan();
    const range = this.range();
    return (
      custom !== null &&
      (range.kind !== 'custom' || range.from !== custom.from || range.to !== custom.to)
    );
  });

  protected choose(choice: Choice): void {
    this.choice.set(choice);
    if (choice !== 'custom') this.rangeChange.emit({ kind: 'relative', key: choice });
  }

  protected applyCustom(): void {
    const span = this.customSpan();
    if (span !== null) this.rangeChange.emit({ kind: 'custom', from: span.from, to: span.to });
  }
}
