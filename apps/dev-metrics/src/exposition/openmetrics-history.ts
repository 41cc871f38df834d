import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { MetricFamily, SimulatedExporter } from '../model/simulated-exporter';
import { formatValue, labelSet } from './text-format';

export interface HistoryOptions {
  /** Unix seconds, inclusive; a sample every `stepS` from `from` up to `to`. */
  from: number;
  to: number;
  stepS: number;
  /** The `job` and `instance` labels Prometheus gives the live scrapes of the same exporter. */
  job: string;
  instance: string;
}

export interface HistorySummary {
  series: number;
  samples: number;
}

interface FamilyHistory {
  type: MetricFamily['type'];
  /** Series by its label set as written, each `[t, value]` in time order. */
  series: Map<string, number[]>;
}

/**
 * Writes what the exporter would have answered every `stepS` over a past range, as OpenMetrics
 * for `promtool tsdb create-blocks-from openmetrics`: one family after another, each series'
 * samples together and in time order, timestamps in seconds, `# EOF` last. Counters are declared
 * `unknown`: an OpenMetrics `counter` must end in `_total`, which the exporter's names do not.
 */
export async function writeHistory(
  exporter: SimulatedExporter,
  options: HistoryOptions,
  out: Writable,
): Promise<HistorySummary> {
  const target = [
    ['instance', options.instance],
    ['job', options.job],
  ] as const;
  const families = new Map<string, FamilyHistory>();
  for (let t = options.from; t <= options.to; t += options.stepS) {
    for (const family of exporter.familiesAt(t)) {
      let history = families.get(family.name);
      if (history === undefined) {
        history = { type: family.type, series: new Map() };
        families.set(family.name, history);
      }
      for (const sample of family.samples) {
        const key = labelSet(sample, target);
        let points = history.series.get(key);
        if (points === undefined) {
          points = [];
          history.series.set(key, points);
        }
        points.push(t, sample.value);
      }
    }
  }

  let series = 0;
  let samples = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  for (const name of [...families.keys()].sort()) {
    const history = families.get(name) as FamilyHistory;
    await write(`# TYPE ${name} ${history.type === 'counter' ? 'unknown' : 'gauge'}\n`);
    for (const [labels, points] of history.series) {
      series++;
      let chunk = '';
      for (let i = 0; i < points.length; i += 2) {
        chunk += `${name}${labels} ${formatValue(points[i + 1])} ${points[i]}\n`;
        samples++;
      }
      await write(chunk);
    }
  }
  await write('# EOF\n');
  return { series, samples };
}
