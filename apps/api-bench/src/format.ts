/** Number formats and the Markdown table shared by the log lines, the report and the goals. */

export function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

export function mib(kib: number): string {
  return (kib / 1024).toFixed(1);
}

export function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

/** Extra CPU time per request implied by going from `fromRps` to `toRps` on a saturated core. */
export function micros(fromRps: number, toRps: number): string {
  return ((1 / toRps - 1 / fromRps) * 1e6).toFixed(2);
}
