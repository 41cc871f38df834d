import { TEXT_PIECE_LENGTH, textPieces } from './text-pieces';

describe('textPieces', () => {
  it('keeps a short text whole', () => {
    expect(textPieces('')).toEqual(['']);
    expect(textPieces('short')).toEqual(['short']);
    expect(textPieces('x'.repeat(TEXT_PIECE_LENGTH))).toHaveLength(1);
  });

  it('cuts a long text after a space, into pieces that add up to it', () => {
    const text = 'Latch waits grow. '.repeat(1000);
    const pieces = textPieces(text);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(TEXT_PIECE_LENGTH);
    for (const piece of pieces.slice(0, -1)) expect(piece.endsWith(' ')).toBe(true);
  });

  it('never cuts a surrogate pair', () => {
    const text = 'a' + '😀'.repeat(TEXT_PIECE_LENGTH);
    const pieces = textPieces(text);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it('gives the same leading pieces while the text grows at its end', () => {
    const text = 'Sessions hash to the same bucket. '.repeat(300);
    const before = textPieces(text);
    const after = textPieces(text + 'and more');
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
  });
});
