export type { ChartSeries, TimeSpan } from './lib/chart-series';
export { formatTime, formatTimestamp, formatValue } from './lib/format/format-figures';
export { SeriesTable } from './lib/series-table/series-table';
export { TimeSeriesChart } from './lib/time-series-chart/time-series-chart';
