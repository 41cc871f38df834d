import type { RangeSeries } from '@oracle-ai/api/data-access-prometheus';
import type { AnalyticsSeries } from '@oracle-ai/shared/util-api-contract';
import type { FiguresSource } from './figures-source';
import type { PanelDefinition, RankedPanel, SeriesPanel } from './panel-catalogue';
import type { TimeRange } from './time-range';

/**
 * A panel's series for one database, as the source answers its catalogue queries: every point
 * read from the source, a point without a finite value left out (a gap, never a guess).
 */
export async function readPanel(
  source: FiguresSource,
  panel: PanelDefinition,
  database: string,
  range: TimeRange,
): Promise<AnalyticsSeries[]> {
  return panel.kind === 'series'
    ? readSeries(source, panel, database, range)
    : readRanked(source, panel, database, range);
}

async function readSeries(
  source: FiguresSource,
  panel: SeriesPanel,
  database: string,
  range: TimeRange,
): Promise<AnalyticsSeries[]> {
  const result = await source.range(panel.query(database, range.window), rangeParams(range));
  const series = named(result, panel.nameOf);
  const order = panel.order ?? [];
  const position = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  return series.sort((a, b) => position(a.name) - position(b.name) || compare(a.name, b.name));
}

async function readRanked(
  source: FiguresSource,
  panel: RankedPanel,
  database: string,
  range: TimeRange,
): Promise<AnalyticsSeries[]> {
  const ranking = await source.instant(panel.rank(database, range.to - range.from), range.to);
  const ranked = ranking
    .map(({ labels, sample }) => ({ value: labels[panel.label], total: sample[1] }))
    .filter(
      (entry): entry is { value: string; total: number } =>
        entry.value !== undefined &&
        panel.valuePattern.test(entry.value) &&
        Number.isFinite(entry.total),
    )
    .sort((a, b) => b.total - a.total || compare(a.value, b.value))
    .slice(0, panel.limit)
    .map((entry) => entry.value);
  if (ranked.length === 0) return [];
  const result = await source.range(
    panel.query(database, ranked, range.window),
    rangeParams(range),
  );
  const series = named(result, (labels) => labels[panel.label]);
  return series.sort((a, b) => ranked.indexOf(a.name) - ranked.indexOf(b.name));
}

function named(
  result: RangeSeries[],
  nameOf: (labels: Readonly<Record<string, string>>) => string | undefined,
): AnalyticsSeries[] {
  const series: AnalyticsSeries[] = [];
  for (const { labels, samples } of result) {
    const name = nameOf(labels);
    if (name === undefined) continue;
    series.push({
      name,
      points: samples
        .filter(([, value]) => Number.isFinite(value))
        .map(([time, value]) => [time, value]),
    });
  }
  return series;
}

function rangeParams(range: TimeRange) {
  return { start: range.from, end: range.to, step: range.step };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
