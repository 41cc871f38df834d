import type { ChartSeries } from '../chart-series';

/** The figures of every series at one instant; `null` where a series has no point then. */
export interface AlignedRow {
  time: number;
  values: (number | null)[];
}

/**
 * Every instant any series has a point at, oldest first, with each series' value there. Where
 * consecutive instants lie more than one and a half steps apart, a row of nulls marks the gap, so
 * that a line is broken rather than drawn across time nobody measured.
 */
export function alignedRows(series: readonly ChartSeries[], stepS: number): AlignedRow[] {
  const byTime = new Map<number, (number | null)[]>();
  series.forEach(({ points }, index) => {
    for (const [time, value] of points) {
      let values = byTime.get(time);
      if (values === undefined) {
        values = series.map(() => null);
        byTime.set(time, values);
      }
      values[index] = value;
    }
  });
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const rows: AlignedRow[] = [];
  times.forEach((time, i) => {
    const previous = times[i - 1];
    if (previous !== undefined && time - previous > 1.5 * stepS) {
      rows.push({ time: previous + stepS, values: series.map(() => null) });
    }
    rows.push({ time, values: byTime.get(time) ?? [] });
  });
  return rows;
}
