import { printable } from './printable';

describe('printable', () => {
  it('keeps ordinary text, accents and symbols', () => {
    expect(printable('Accès refusé — groupe « database » requis')).toBe(
      'Accès refusé — groupe « database » requis',
    );
  });

  it('turns terminal escapes, newlines and line separators into single spaces', () => {
    expect(printable('ok\u001b[2J\u001b]0;pwned\u0007\r\nnext\u2028line\u0085!')).toBe(
      'ok [2J ]0;pwned next line !',
    );
  });

  it('caps the length', () => {
    expect(printable('x'.repeat(300))).toBe(`${'x'.repeat(200)}…`);
    expect(printable('abcdef', 3)).toBe('abc…');
  });
});
