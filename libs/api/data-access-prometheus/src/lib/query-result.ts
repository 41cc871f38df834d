import { PrometheusError } from './prometheus-error';

/** A sample: unix seconds and the value (NaN and ±Infinity as Prometheus writes them). */
export type SamplePair = readonly [number, number];

export interface InstantSeries {
  labels: Readonly<Record<string, string>>;
  sample: SamplePair;
}

export interface RangeSeries {
  labels: Readonly<Record<string, string>>;
  samples: readonly SamplePair[];
}

/**
 * The `data` of a `/api/v1/query` answer of result type `vector`: anything else, or a series not
 * shaped as the API documents, is refused rather than guessed at.
 */
export function parseVector(body: unknown): InstantSeries[] {
  return resultOf(body, 'vector').map((series) => {
    const { metric, value } = series as { metric?: unknown; value?: unknown };
    return { labels: labelsOf(metric), sample: samplePair(value) };
  });
}

/** The `data` of a `/api/v1/query_range` answer (result type `matrix`). */
export function parseMatrix(body: unknown): RangeSeries[] {
  return resultOf(body, 'matrix').map((series) => {
    const { metric, values } = series as { metric?: unknown; values?: unknown };
    if (!Array.isArray(values)) throw malformed('a series without values');
    return { labels: labelsOf(metric), samples: values.map(samplePair) };
  });
}

function resultOf(body: unknown, resultType: 'vector' | 'matrix'): unknown[] {
  const { status, data } = (body ?? {}) as { status?: unknown; data?: unknown };
  if (status !== 'success') throw malformed(`status ${JSON.stringify(status)}`);
  const { resultType: type, result } = (data ?? {}) as { resultType?: unknown; result?: unknown };
  if (type !== resultType)
    throw malformed(`result type ${JSON.stringify(type)}, not ${resultType}`);
  if (!Array.isArray(result)) throw malformed('no result list');
  return result;
}

function labelsOf(metric: unknown): Record<string, string> {
  if (typeof metric !== 'object' || metric === null || Array.isArray(metric))
    throw malformed('a series without labels');
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(metric)) {
    if (typeof value !== 'string') throw malformed('a label value that is not a string');
    labels[name] = value;
  }
  return labels;
}

function samplePair(pair: unknown): SamplePair {
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    typeof pair[0] !== 'number' ||
    typeof pair[1] !== 'string'
  ) {
    throw malformed('a sample that is not [time, "value"]');
  }
  return [pair[0], sampleValue(pair[1])];
}

/** Prometheus writes values as strings: decimals, `NaN`, `+Inf`, `-Inf`. */
function sampleValue(text: string): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value))
    throw malformed('a sample value that is not a number');
  return value;
}

function malformed(what: string): PrometheusError {
  return new PrometheusError('ERR_PROMETHEUS_MALFORMED', `the source answered ${what}`);
}
