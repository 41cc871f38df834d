import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ChartConfiguration } from 'chart.js';
import type { ChartSeries, TimeSpan } from '../chart-series';
import { TimeSeriesChart } from './time-series-chart';

/** jsdom has no canvas: a Chart that records what it is given, with a linear x scale. */
class MockChart {
  static instances: MockChart[] = [];
  static register = jest.fn();
  readonly update = jest.fn();
  readonly draw = jest.fn();
  readonly destroy = jest.fn();
  data: ChartConfiguration['data'];
  options: ChartConfiguration['options'];
  /** 1 px = 10 s, from FROM at x = 0. */
  readonly scales = { x: { getValueForPixel: (px: number) => FROM + px * 10 } };
  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly configuration: ChartConfiguration,
  ) {
    this.data = configuration.data;
    this.options = configuration.options;
    MockChart.instances.push(this);
  }
}

jest.mock('chart.js', () => ({
  get Chart() {
    return MockChart;
  },
  LineController: {},
  LineElement: {},
  PointElement: {},
  LinearScale: {},
  Filler: {},
  Tooltip: {},
}));

const FROM = Date.UTC(2026, 11, 6, 10, 0) / 1000;

@Component({
  imports: [TimeSeriesChart],
  template: `<app-time-series-chart
    [series]="series()"
    [from]="from"
    [to]="from + 3600"
    [step]="15"
    unitLabel="Average active sessions"
    label="Average active sessions by wait class"
    summary="Peak 3.00 at 10:00."
    [selectable]="true"
    [(selection)]="selection"
  />`,
})
class Host {
  readonly from = FROM;
  readonly series = signal<ChartSeries[]>([
    { label: 'User I/O', color: '#1f6fd1', kind: 'area', points: [[FROM, 3]] },
    { label: 'CPUs', color: '#b3261e', kind: 'line', points: [[FROM, 8]] },
  ]);
  selection: TimeSpan | null = null;
}

function pointer(type: string, offsetX: number): PointerEvent {
  const event = new MouseEvent(type, { button: 0, bubbles: true }) as PointerEvent;
  Object.defineProperty(event, 'offsetX', { value: offsetX });
  Object.defineProperty(event, 'pointerId', { value: 1 });
  return event;
}

describe('TimeSeriesChart', () => {
  beforeEach(() => {
    MockChart.instances = [];
  });

  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('draws on a canvas named for assistive technology and described by its summary', async () => {
    const { element } = await render();
    const canvas = element.querySelector('canvas');
    expect(canvas?.getAttribute('role')).toBe('img');
    expect(canvas?.getAttribute('aria-label')).toBe('Average active sessions by wait class');
    const summary = element.querySelector(`#${canvas?.getAttribute('aria-describedby')}`);
    expect(summary?.textContent).toBe('Peak 3.00 at 10:00.');
    expect(MockChart.instances).toHaveLength(1);
    expect(MockChart.instances[0].canvas).toBe(canvas);
    expect(MockChart.instances[0].data.datasets.map((d) => d.label)).toEqual(['User I/O', 'CPUs']);
  });

  it('has an HTML key, and the same figures as a table on demand', async () => {
    const { fixture, element } = await render();
    expect(
      Array.from(element.querySelectorAll('.legend li'), (li) => li.textContent?.trim()),
    ).toEqual(['User I/O', 'CPUs']);
    const toggle = element.querySelector<HTMLButtonElement>('button.table-toggle');
    expect(toggle?.textContent?.trim()).toBe('Show as a table');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(element.querySelector('table')).toBeNull();
    toggle?.click();
    await fixture.whenStable();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(element.querySelector('table caption')?.textContent?.trim()).toBe(
      'Average active sessions by wait class',
    );
    expect(element.querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('updates the same chart when the figures change', async () => {
    const { fixture } = await render();
    fixture.componentInstance.series.set([
      { label: 'Commit', color: '#e8710a', kind: 'area', points: [[FROM, 1]] },
    ]);
    await fixture.whenStable();
    expect(MockChart.instances).toHaveLength(1);
    expect(MockChart.instances[0].update).toHaveBeenCalled();
    expect(MockChart.instances[0].data.datasets.map((d) => d.label)).toEqual(['Commit']);
  });

  it('a drag across the plot selects that span of time; a click does not', async () => {
    const { fixture, element } = await render();
    const canvas = element.querySelector('canvas') as HTMLCanvasElement;
    canvas.dispatchEvent(pointer('pointerdown', 120));
    canvas.dispatchEvent(pointer('pointermove', 60));
    canvas.dispatchEvent(pointer('pointerup', 60));
    await fixture.whenStable();
    expect(fixture.componentInstance.selection).toEqual({ from: FROM + 600, to: FROM + 1200 });
    expect(MockChart.instances[0].draw).toHaveBeenCalled();

    canvas.dispatchEvent(pointer('pointerdown', 300));
    canvas.dispatchEvent(pointer('pointerup', 301));
    await fixture.whenStable();
    expect(fixture.componentInstance.selection).toEqual({ from: FROM + 600, to: FROM + 1200 });
  });

  it('keeps a selection within the plotted range', async () => {
    const { fixture, element } = await render();
    const canvas = element.querySelector('canvas') as HTMLCanvasElement;
    canvas.dispatchEvent(pointer('pointerdown', 340));
    canvas.dispatchEvent(pointer('pointerup', 900));
    await fixture.whenStable();
    expect(fixture.componentInstance.selection).toEqual({ from: FROM + 3400, to: FROM + 3600 });
  });
});
