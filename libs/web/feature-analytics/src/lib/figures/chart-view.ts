import type { ChartSeries } from '@oracle-ai/web/ui-time-series-chart';

/** What a chart panel shows: its series, how they are named, and the sentence that says it. */
export interface ChartView {
  /** What the chart shows (its accessible name and the table's caption). */
  label: string;
  /** The value axis. */
  unitLabel: string;
  series: ChartSeries[];
  /** One line: the chart's text alternative. */
  summary: string;
}

export const NO_FIGURES = 'No figures in this range.';
