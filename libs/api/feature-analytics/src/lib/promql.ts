/** Lone UTF-16 surrogates: no PromQL string can carry them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A PromQL double-quoted string literal holding exactly `value`: `\` and `"` escaped, every
 * control character as `\xNN` (PromQL unquotes strings as Go does). Only for values read from
 * Prometheus itself; a client's text never reaches a query, escaped or not.
 */
export function promqlString(value: string): string {
  if (LONE_SURROGATE.test(value))
    throw new Error('a label value with a lone surrogate cannot be quoted');
  const escaped = value
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(
      // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
      /[\u0000-\u001f\u007f]/g,
      (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
  return `"${escaped}"`;
}

/** `{name="value",…}` from exact (never regex) matchers. */
export function selector(metric: string, matchers: Readonly<Record<string, string>>): string {
  const parts = Object.entries(matchers).map(([name, value]) => `${name}=${promqlString(value)}`);
  return `${metric}{${parts.join(',')}}`;
}

/** A PromQL duration of whole seconds. */
export function seconds(value: number): string {
  return `${Math.max(1, Math.round(value))}s`;
}
