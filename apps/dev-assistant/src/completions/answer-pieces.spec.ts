import { splitIntoPieces } from './answer-pieces';

describe('splitIntoPieces', () => {
  it('cuts a few words at a time, whitespace and newlines kept', () => {
    const text = '*Dev* model server\n\n## log file sync\n\n```sql\nSELECT 1\nFROM dual;\n```';
    const pieces = splitIntoPieces(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces).toEqual([
      '*Dev* model server\n\n',
      '## log file ',
      'sync\n\n```sql\nSELECT ',
      '1\nFROM dual;\n',
      '```',
    ]);
  });

  it('keeps leading whitespace and never splits inside a word or a character', () => {
    const text = '  café 🙂 naïve\tword';
    expect(splitIntoPieces(text, 1)).toEqual(['  café ', '🙂 ', 'naïve\t', 'word']);
  });

  it('gives nothing for an empty text, and whitespace alone as one piece', () => {
    expect(splitIntoPieces('')).toEqual([]);
    expect(splitIntoPieces(' \n ')).toEqual([' \n ']);
  });
});
