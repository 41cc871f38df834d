import { codePoints, promptTokensOf, tokensFor, usageOf } from './usage';

describe('token estimates', () => {
  it('count one token per four code points, rounded up', () => {
    expect([0, 1, 4, 5, 8].map(tokensFor)).toEqual([0, 1, 1, 2, 2]);
  });

  it('count code points, not UTF-16 units', () => {
    expect(codePoints('🙂🙂')).toBe(2);
    expect(codePoints('naïve')).toBe(5);
    expect(codePoints('a\ud83d')).toBe(2); // a lone surrogate counts as one
    expect(codePoints('\ude42\ud83d\ude42x')).toBe(3);
  });

  it('estimate each message on its own', () => {
    expect(promptTokensOf(['abcde', 'abc'])).toBe(3);
    expect(usageOf(3, 9)).toEqual({ prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
  });
});
