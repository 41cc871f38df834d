import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import type { ChartSeries, TimeSpan } from '../chart-series';
import { formatTime, formatTimestamp, formatValue } from '../format/format-figures';
import type { AlignedRow } from '../timeline/aligned-rows';
import { timeTicks } from '../timeline/time-ticks';

export type ChartPoint = { x: number; y: number | null };
export type TimeSeriesChartConfiguration = ChartConfiguration<'line', ChartPoint[]>;

export interface ChartInputs {
  series: readonly ChartSeries[];
  rows: readonly AlignedRow[];
  from: number;
  to: number;
  /** Seconds between points. */
  stepS: number;
  unitLabel: string;
  /** How many labels the time axis has room for. */
  maxTicks: number;
  /** The reader's time zone offset from UTC, in seconds at `from`. */
  offsetS: number;
}

/**
 * The Chart.js configuration of a time series chart: areas stacked in order (each filled down to
 * the one before it), lines drawn on top in stacks of their own (so never added to the areas),
 * time on a linear axis of unix seconds with ticks on round times — no date adapter needed.
 * No animation: figures appear as they are.
 */
export function chartConfiguration(
  inputs: ChartInputs,
  plugins: Plugin<'line'>[],
): TimeSeriesChartConfiguration {
  const span = inputs.to - inputs.from;
  return {
    type: 'line',
    data: { datasets: inputs.series.map((series, index) => dataset(series, index, inputs.rows)) },
    plugins,
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: inputs.from,
          max: inputs.to,
          afterBuildTicks: (axis) => {
            axis.ticks = timeTicks(inputs.from, inputs.to, inputs.maxTicks, inputs.offsetS).map(
              (value) => ({ value }),
            );
          },
          ticks: { maxRotation: 0, callback: (value) => formatTime(Number(value), span) },
          grid: { color: '#e3e3e8' },
        },
        y: {
          type: 'linear',
          stacked: true,
          beginAtZero: true,
          title: { display: true, text: inputs.unitLabel },
          grid: { color: '#e3e3e8' },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) =>
              items.length === 0 ? '' : formatTimestamp(items[0].parsed.x ?? 0, inputs.stepS),
            label: (item) =>
              `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : formatValue(item.parsed.y)}`,
          },
        },
      },
    },
  };
}

function dataset(
  series: ChartSeries,
  index: number,
  rows: readonly AlignedRow[],
): ChartDataset<'line', ChartPoint[]> {
  const data = rows.map((row) => ({ x: row.time, y: row.values[index] }));
  const common = {
    label: series.label,
    data,
    borderColor: series.color,
    pointRadius: 0,
    pointHoverRadius: 3,
    spanGaps: false,
  };
  return series.kind === 'area'
    ? { ...common, backgroundColor: series.color, fill: 'stack', stack: 'areas', borderWidth: 1 }
    : {
        ...common,
        fill: false,
        stack: `line ${index}`,
        borderWidth: 2,
        borderDash: series.dashed ? [6, 4] : [],
      };
}

/** Paints the selected span over the plot, translucent, with its edges. Canvas only: no DOM. */
export function selectionPlugin(selected: () => TimeSpan | null): Plugin<'line'> {
  return {
    id: 'timeSpanSelection',
    afterDatasetsDraw(chart) {
      const span = selected();
      if (span === null) return;
      const { ctx, chartArea, scales } = chart;
      const left = Math.max(chartArea.left, scales['x'].getPixelForValue(span.from));
      const right = Math.min(chartArea.right, scales['x'].getPixelForValue(span.to));
      if (!(right > left)) return;
      const height = chartArea.bottom - chartArea.top;
      ctx.save();
      ctx.fillStyle = 'rgba(11, 87, 208, 0.16)';
      ctx.fillRect(left, chartArea.top, right - left, height);
      ctx.fillStyle = 'rgb(11, 87, 208)';
      ctx.fillRect(left, chartArea.top, 1, height);
      ctx.fillRect(right - 1, chartArea.top, 1, height);
      ctx.restore();
    },
  };
}
