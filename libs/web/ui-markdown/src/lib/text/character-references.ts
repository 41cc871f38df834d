/**
 * The named character references an answer is likely to use. `marked` resolves numeric references
 * (`&#169;`) itself but leaves named ones for the browser's HTML parser; text set as a DOM text
 * node has no such parser, so they are resolved here. A name not listed stays as written, which
 * shows the reference rather than guessing.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  micro: 'µ',
  middot: '·',
  bull: '•',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  sect: '§',
  para: '¶',
  dagger: '†',
  Dagger: '‡',
  permil: '‰',
  prime: '′',
  Prime: '″',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  lArr: '⇐',
  rArr: '⇒',
  hArr: '⇔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  equiv: '≡',
  infin: '∞',
  sum: '∑',
  minus: '−',
  radic: '√',
  check: '✓',
  cross: '✗',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwj: '\u200d',
  zwnj: '\u200c',
};

const NAMED_REFERENCE = /&([A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * Resolves the named character references of Markdown text (`&amp;` → `&`) in one pass, so a
 * resolved `&` never starts another reference (`&amp;lt;` → `&lt;`, as a browser shows it).
 */
export function resolveNamedReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(NAMED_REFERENCE, (reference, name: string) =>
    Object.hasOwn(NAMED, name) ? NAMED[name] : reference,
  );
}
