/** One sample line of the Prometheus text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;

/**
 * Parses the text format (version 0.0.4) strictly enough for tests: every line is a `# HELP` /
 * `# TYPE` comment or a sample, every value a number as Prometheus reads it, every sample of a
 * family whose `# TYPE` came first. Throws on anything else.
 */
export function parsePrometheusText(text: string): Sample[] {
  const typed = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type =
      /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      typed.add(type[1]);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, name, rawLabels = '', rawValue] = match;
    const family = name.replace(/_(bucket|sum|count|total)$/, '');
    if (!typed.has(name) && !typed.has(family))
      throw new Error(`sample before its # TYPE: ${line}`);
    const value = parseValue(rawValue);
    if (value === undefined) throw new Error(`bad value: ${line}`);
    const labels: Record<string, string> = {};
    let consumed = 0;
    for (const label of rawLabels.matchAll(LABEL)) {
      labels[label[1]] = label[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      consumed += label[0].length;
    }
    if (consumed !== rawLabels.length) throw new Error(`bad labels: ${line}`);
    samples.push({ name, labels, value });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels`. */
export function sampleValue(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1)
    throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/**
 * A value as Prometheus parses it (Go's `strconv.ParseFloat`): decimal or exponent notation, and
 * `NaN` / `Inf` / `Infinity` in any case (prom-client writes `Nan` before a gauge has a sample).
 */
function parseValue(raw: string): number | undefined {
  if (/^nan$/i.test(raw)) return NaN;
  const infinity = /^([+-]?)inf(inity)?$/i.exec(raw);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return undefined;
  return Number(raw);
}
