import type { Scale } from 'chart.js';
import { alignedRows } from '../timeline/aligned-rows';
import { chartConfiguration, selectionPlugin } from './chart-configuration';

const T = Date.UTC(2026, 11, 6, 10, 0) / 1000;
const series = [
  {
    label: 'User I/O',
    color: '#1f6fd1',
    kind: 'area' as const,
    points: [
      [T, 1],
      [T + 15, 2],
    ] as [number, number][],
  },
  {
    label: 'CPU',
    color: '#2e9e44',
    kind: 'area' as const,
    points: [
      [T, 0.5],
      [T + 15, 0.75],
    ] as [number, number][],
  },
  {
    label: 'CPUs',
    color: '#b3261e',
    kind: 'line' as const,
    dashed: true,
    points: [
      [T, 8],
      [T + 15, 8],
    ] as [number, number][],
  },
];

describe('chartConfiguration', () => {
  const configuration = chartConfiguration(
    {
      series,
      rows: alignedRows(series, 15),
      from: T,
      to: T + 3600,
      stepS: 15,
      unitLabel: 'Average active sessions',
      maxTicks: 6,
      offsetS: 0,
    },
    [],
  );

  it('stacks the areas in order and keeps lines out of the stack', () => {
    const datasets = configuration.data.datasets;
    expect(datasets.map((d) => [d.label, d.stack, d.fill])).toEqual([
      ['User I/O', 'areas', 'stack'],
      ['CPU', 'areas', 'stack'],
      ['CPUs', 'line 2', false],
    ]);
    expect(datasets[2]).toMatchObject({ borderDash: [6, 4] });
    expect(datasets[1].data).toEqual([
      { x: T, y: 0.5 },
      { x: T + 15, y: 0.75 },
    ]);
    expect(configuration.options?.scales?.['y']).toMatchObject({
      stacked: true,
      beginAtZero: true,
      title: { display: true, text: 'Average active sessions' },
    });
  });

  it('puts time on a linear axis of unix seconds, ticks on round times, without animation', () => {
    const x = configuration.options?.scales?.['x'] as {
      min: number;
      max: number;
      afterBuildTicks: (axis: Partial<Scale>) => void;
    };
    expect([x.min, x.max]).toEqual([T, T + 3600]);
    const axis: Partial<Scale> = {};
    x.afterBuildTicks(axis);
    expect(axis.ticks?.map((tick) => tick.value)).toEqual(
      [0, 15, 30, 45, 60].map((m) => T + m * 60),
    );
    expect(configuration.options?.animation).toBe(false);
  });
});

describe('selectionPlugin', () => {
  it('paints the selected span within the plot area, and nothing without one', () => {
    const fillRect = jest.fn();
    const chart = {
      ctx: { save: jest.fn(), restore: jest.fn(), fillRect, fillStyle: '' },
      chartArea: { left: 40, right: 440, top: 10, bottom: 210 },
      scales: { x: { getPixelForValue: (value: number) => 40 + (value - T) / 9 } },
    };
    let span: { from: number; to: number } | null = { from: T - 900, to: T + 900 };
    const plugin = selectionPlugin(() => span);
    const draw = () =>
      (plugin.afterDatasetsDraw as (chart: unknown, args: unknown, options: unknown) => void)(
        chart,
        {},
        {},
      );
    draw();
    expect(fillRect.mock.calls[0]).toEqual([40, 10, 100, 200]);
    fillRect.mockClear();
    span = null;
    draw();
    expect(fillRect).not.toHaveBeenCalled();
  });
});
