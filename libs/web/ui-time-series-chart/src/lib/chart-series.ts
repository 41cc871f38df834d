/** One series of a chart: what it is called, its points and how it is drawn. */
export interface ChartSeries {
  /** Shown in the legend, the tooltip and the table's header. */
  label: string;
  /** `[unixSeconds, value]`, oldest first; a missing step is a gap. */
  points: readonly (readonly [number, number])[];
  /** A CSS colour. */
  color: string;
  /** `area`: filled and stacked on the areas before it; `line`: drawn on top, not stacked. */
  kind: 'area' | 'line';
  /** A line drawn dashed: a limit (such as the CPU count) rather than a measure. */
  dashed?: boolean;
}

/** A span of time in unix seconds, `from` before `to`. */
export interface TimeSpan {
  from: number;
  to: number;
}
