/** Characters per text node; a longer text is shown as several. */
export const TEXT_PIECE_LENGTH = 2048;

/**
 * Cuts a text into consecutive pieces of at most about {@link TEXT_PIECE_LENGTH} characters,
 * after a space where there is one near the cut, never inside a surrogate pair. While a long
 * paragraph streams, every piece but the last stays equal, so its text node — and the browser's
 * shaping of it — is kept; only the growing end is laid out anew.
 */
export function textPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > TEXT_PIECE_LENGTH) {
    let end = start + TEXT_PIECE_LENGTH;
    const space = text.lastIndexOf(' ', end - 1);
    if (space > start + TEXT_PIECE_LENGTH / 2) end = space + 1;
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
