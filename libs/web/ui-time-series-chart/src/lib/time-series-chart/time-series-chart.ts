import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  model,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Chart } from 'chart.js';
import type { ChartSeries, TimeSpan } from '../chart-series';
import { SeriesTable } from '../series-table/series-table';
import { alignedRows } from '../timeline/aligned-rows';
import {
  chartConfiguration,
  selectionPlugin,
  type ChartPoint,
  type TimeSeriesChartConfiguration,
} from './chart-configuration';
import { registerChartParts } from './chart-registration';

/** Pixels a pointer must travel for a press to count as a drag, not a click. */
const DRAG_THRESHOLD_PX = 4;
/** A tick label needs about this much room. */
const PX_PER_TICK = 90;

let nextId = 0;

/**
 * A time series chart drawn by Chart.js on a canvas (nothing written into the DOM as HTML, so it
 * draws under a strict CSP with Trusted Types), with its text alternatives: a one-line summary,
 * which is also the canvas' accessible description, an HTML legend, and the same figures as a
 * table on demand. With `selectable`, dragging across the plot selects a span of time
 * (`selection`, two-way); keyboard users set the same span through whatever fields the page binds
 * to it.
 */
@Component({
  selector: 'app-time-series-chart',
  imports: [MatButtonModule, SeriesTable],
  templateUrl: './time-series-chart.html',
  styleUrl: './time-series-chart.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimeSeriesChart {
  readonly series = input.required<readonly ChartSeries[]>();
  readonly from = input.required<number>();
  readonly to = input.required<number>();
  /** Seconds between points. */
  readonly step = input.required<number>();
  /** The value axis' title, e.g. "Average active sessions". */
  readonly unitLabel = input.required<string>();
  /** What the chart shows, e.g. "Average active sessions by wait class". */
  readonly label = input.required<string>();
  /** One line saying what the figures show: the chart's text alternative, with the table. */
  readonly summary = input.required<string>();
  readonly selectable = input(false);
  readonly selection = model<TimeSpan | null>(null);

  protected readonly id = `time-series-chart-${nextId++}`;
  protected readonly tableShown = signal(false);
  protected readonly legend = computed(() => this.series());
  protected readonly caption = computed(() =>
    this.label().toLowerCase().includes(this.unitLabel().toLowerCase())
      ? this.label()
      : `${this.label()} (${this.unitLabel().toLowerCase()})`,
  );
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  /** A drag in progress: where it began (pixels and time) and the span it covers so far. */
  private readonly dragging = signal<{ startX: number; anchor: number; span: TimeSpan } | null>(
    null,
  );
  /** What the plot paints: the span being dragged, else the selection. */
  private readonly shownSpan = computed(() => this.dragging()?.span ?? this.selection());
  private chart: Chart<'line', ChartPoint[]> | undefined;

  constructor() {
    registerChartParts();
    const plugin = selectionPlugin(() => untracked(this.shownSpan));
    effect(() => {
      const configuration = this.configuration([plugin]);
      const canvas = this.canvas().nativeElement;
      untracked(() => this.draw(canvas, configuration));
    });
    effect(() => {
      this.shownSpan();
      untracked(() => this.chart?.draw());
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  protected toggleTable(): void {
    this.tableShown.update((shown) => !shown);
  }

  protected onPointerDown(event: PointerEvent): void {
    if (!this.selectable() || event.button !== 0 || this.chart === undefined) return;
    const time = this.timeAt(event.offsetX);
    if (time === undefined) return;
    (event.target as Element).setPointerCapture?.(event.pointerId);
    this.dragging.set({ startX: event.offsetX, anchor: time, span: { from: time, to: time } });
  }

  protected onPointerMove(event: PointerEvent): void {
    const drag = this.dragging();
    if (drag !== null)
      this.dragging.set({ ...drag, span: this.spanTo(drag.anchor, event.offsetX) });
  }

  protected onPointerUp(event: PointerEvent): void {
    const drag = this.dragging();
    if (drag === null) return;
    this.dragging.set(null);
    if (Math.abs(event.offsetX - drag.startX) < DRAG_THRESHOLD_PX) return;
    const span = this.spanTo(drag.anchor, event.offsetX);
    this.selection.set({ from: Math.round(span.from), to: Math.round(span.to) });
  }

  protected onPointerCancel(): void {
    this.dragging.set(null);
  }

  /** From where a drag began to the time under the pointer now, earliest first. */
  private spanTo(anchor: number, offsetX: number): TimeSpan {
    const time = this.timeAt(offsetX) ?? anchor;
    return { from: Math.min(anchor, time), to: Math.max(anchor, time) };
  }

  /** The time under a pointer's x, within the plotted range. */
  private timeAt(offsetX: number): number | undefined {
    const value = this.chart?.scales['x']?.getValueForPixel(offsetX);
    if (value === undefined || !Number.isFinite(value)) return undefined;
    return Math.min(this.to(), Math.max(this.from(), value));
  }

  private configuration(plugins: TimeSeriesChartConfiguration['plugins']) {
    const from = this.from();
    const width = this.canvas().nativeElement.parentElement?.clientWidth ?? 600;
    return chartConfiguration(
      {
        series: this.series(),
        rows: alignedRows(this.series(), this.step()),
        from,
        to: this.to(),
        stepS: this.step(),
        unitLabel: this.unitLabel(),
        maxTicks: Math.max(2, Math.floor(width / PX_PER_TICK)),
        offsetS: -new Date(from * 1000).getTimezoneOffset() * 60,
      },
      plugins ?? [],
    );
  }

  private draw(canvas: HTMLCanvasElement, configuration: TimeSeriesChartConfiguration): void {
    if (this.chart === undefined) {
      this.chart = new Chart(canvas, configuration);
      return;
    }
    this.chart.data = configuration.data;
    this.chart.options = configuration.options ?? {};
    this.chart.update();
  }
}
