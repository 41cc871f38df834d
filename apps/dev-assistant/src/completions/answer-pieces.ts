/** Words per piece: "a few words" at a time, as a model streams tokens. */
const WORDS_PER_PIECE = 3;

/**
 * Cuts `text` into pieces of a few words each, every piece carrying the whitespace that follows
 * its words, so that the pieces joined are exactly `text`.
 */
export function splitIntoPieces(text: string, wordsPerPiece = WORDS_PER_PIECE): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerPiece) {
    pieces.push(words.slice(i, i + wordsPerPiece).join(''));
  }
  return pieces;
}
