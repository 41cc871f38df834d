/**
 * Deeper than any answer nests (quotes in lists in quotes …); beyond it `marked`'s recursive
 * lexer slows down sharply (400 nested list levels: 0.4 s; 1,000: 6 s) or overflows the stack
 * (2,000 `>`), which a hostile answer could use to freeze or break the page.
 */
export const MAX_NESTING = 32;

/** What opens a container at the start of a line: quote marks, list markers, their spacing. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/gm;

/**
 * Whether some line of `text` opens more than {@link MAX_NESTING} containers, counting its quote
 * marks and list markers, and, on a line with a list marker, its indentation by twos (each level
 * of an indented list adds two columns at least). One pass, no backtracking.
 */
export function nestsTooDeep(text: string): boolean {
  for (const [prefix] of text.matchAll(CONTAINER_PREFIX)) {
    if (prefix.length <= MAX_NESTING) continue;
    const markers = prefix.match(/>|[-+*]|\d{1,9}[.)]/g)?.length ?? 0;
    const hasListMarker = /[-+*]|\d[.)]/.test(prefix);
    const indentation = prefix.length - prefix.trimStart().length;
    if (markers + (hasListMarker ? Math.floor(indentation / 2) : 0) > MAX_NESTING) return true;
  }
  return false;
}
