import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChartSeries } from '../chart-series';
import { formatTimestamp, formatValue } from '../format/format-figures';
import { alignedRows } from '../timeline/aligned-rows';

/**
 * The figures of a chart as a table: one row per instant, one column per series, newest last.
 * Each cell carries its exact figure in `<data value>` and each time `<time datetime>`, for
 * whoever reads the page by machine; the text is rounded for reading.
 */
@Component({
  selector: 'app-series-table',
  templateUrl: './series-table.html',
  styleUrl: './series-table.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeriesTable {
  readonly series = input.required<readonly ChartSeries[]>();
  /** Seconds between points. */
  readonly step = input.required<number>();
  readonly caption = input.required<string>();

  protected readonly rows = computed(() =>
    alignedRows(this.series(), this.step()).map((row) => ({
      iso: new Date(row.time * 1000).toISOString(),
      time: formatTimestamp(row.time, this.step()),
      cells: row.values.map((value) =>
        value === null ? null : { value, text: formatValue(value) },
      ),
    })),
  );
}
