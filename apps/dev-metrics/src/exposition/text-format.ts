import type { MetricFamily, Sample } from '../model/simulated-exporter';

/** The Prometheus text exposition format (0.0.4) that the exporter answers scrapes with. */
export const TEXT_FORMAT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function renderTextFormat(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples)
      lines.push(`${family.name}${labelSet(sample)} ${formatValue(sample.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `{name="value",…}`, values escaped as both text formats require (`\\`, `\"`, `\n`). */
export function labelSet(
  sample: Sample,
  extra: readonly (readonly [string, string])[] = [],
): string {
  const labels = [...sample.labels, ...extra];
  if (labels.length === 0) return '';
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Shortest exact decimal; the special values as Go's parser reads them. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
