import { Lexer, type Token, type Tokens } from 'marked';
import { IncrementalLexer } from './incremental-lexer';

/** Every construct an answer uses, and the ones that change earlier lines when more text comes. */
const ANSWER = [
  '[awr]: https://docs.oracle.com/awr "AWR"',
  '',
  '## Log file sync',
  '',
  'Setext heading',
  '==============',
  '',
  'A paragraph with **bold**, _emphasis_, ~~struck~~, `code`, a [link](https://example.com "t"),',
  'a reference [to AWR][awr], an autolink https://example.com/a?b=1&amp;c, &amp; &copy; &#65;,',
  'a hard  ',
  'break and <b>inline html</b> and ![an image](https://img.example.com/x.png).',
  '',
  '- tight item',
  '- [x] task done',
  '- [ ] task open',
  '',
  '1. loose item',
  '',
  '2. second, with a nested list:',
  '   - nested **deep**',
  '',
  '   continued paragraph of item 2',
  '',
  '3 is a paragraph, 4. is not a list item here',
  '',
  '10) another list',
  '',
  '-',
  '',
  '+ plus list',
  '* star list after it',
  '',
  '* * *',
  '',
  '> a quote',
  'lazily continued',
  '>',
  '> - with a list',
  '',
  '```sql',
  'SELECT event, total_waits',
  '',
  '  FROM v$system_event;',
  '```',
  '',
  '    indented code',
  '',
  '    after a blank line',
  '',
  '| wait class | share |',
  '|:-----------|------:|',
  '| User I/O   | 42 %  |',
  '| Commit     | `3` % |',
  '',
  'header of a table-shaped paragraph | x',
  '',
  '<div class="x">',
  'an HTML block',
  '</div>',
  '',
  '***',
  '',
  'The end, without a final newline',
].join('\n');

/**
 * Lines whose meaning depends on their neighbours: list markers, lazy lines, fences, underlines.
 * (No link reference definitions: one after its use is the documented difference.)
 */
const LINE_STARTS = [
  '',
  '',
  'text',
  '2. two',
  '2 x',
  '- a',
  '  - b',
  '    code',
  '> q',
  '```',
  '~~~sql',
  '===',
  '---',
  '| a | b |',
  '|---|---|',
  '<div>',
  '</div>',
  '<!-- c',
  '-->',
  '* * *',
  '1) one',
  '   3. indented',
  '# h',
  '- [ ] t',
];

function lexAll(text: string): Token[] {
  return [...new Lexer({ gfm: true }).lex(text)];
}

/** Compared without `raw` text of space tokens, which only say how many blank lines there were. */
function comparable(tokens: readonly Token[]): unknown {
  return JSON.parse(JSON.stringify(tokens));
}

describe('IncrementalLexer', () => {
  it('gives the tokens of a full lex at every length of a growing answer', () => {
    const lexer = new IncrementalLexer();
    for (let length = 0; length <= ANSWER.length; length++) {
      const prefix = ANSWER.slice(0, length);
      expect([length, comparable(lexer.lex(prefix))]).toEqual([length, comparable(lexAll(prefix))]);
    }
  });

  it('gives the same tokens whatever the size of the pieces the answer arrives in', () => {
    for (const pieceLength of [2, 7, 31, 113]) {
      const lexer = new IncrementalLexer();
      let text = '';
      while (text.length < ANSWER.length) {
        text = ANSWER.slice(0, text.length + pieceLength);
        expect(comparable(lexer.lex(text))).toEqual(comparable(lexAll(text)));
      }
    }
  });

  it('gives the tokens of a full lex for random mixes of block starts, at every length', () => {
    let seed = 20261205;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let doc = 0; doc < 60; doc++) {
      const lines = Array.from(
        { length: 16 },
        () => LINE_STARTS[Math.floor(random() * LINE_STARTS.length)],
      );
      const text = lines.join('\n');
      const lexer = new IncrementalLexer();
      for (let length = 0; length <= text.length; length++) {
        const prefix = text.slice(0, length);
        expect([prefix, comparable(lexer.lex(prefix))]).toEqual([
          prefix,
          comparable(lexAll(prefix)),
        ]);
      }
    }
  });

  it('keeps the token objects of finished blocks while the answer grows', () => {
    const lexer = new IncrementalLexer();
    const first = lexer.lex('# Title\n\nFirst paragraph.\n\nSecond');
    const second = lexer.lex('# Title\n\nFirst paragraph.\n\nSecond paragraph, longer');
    expect(second[0]).toBe(first[0]);
    expect(second[2]).toBe(first[2]);
    expect(second.at(-1)).not.toBe(first.at(-1));
  });

  it('keeps the unchanged items of a list that is still growing', () => {
    const lexer = new IncrementalLexer();
    const first = lexer.lex('- one\n- two\n- thr');
    const second = lexer.lex('- one\n- two\n- three');
    const items = (tokens: readonly Token[]) => (tokens[0] as { items: Token[] }).items;
    expect(second[0]).not.toBe(first[0]);
    expect(items(second)[0]).toBe(items(first)[0]);
    expect(items(second)[2]).not.toBe(items(first)[2]);
  });

  afterEach(() => jest.restoreAllMocks());

  it('lexes only the last block again, not the whole answer', () => {
    const lexer = new IncrementalLexer();
    const paragraphs = Array.from({ length: 500 }, (_, i) => `Paragraph ${i} of a long answer.`);
    let text = '';
    for (const paragraph of paragraphs) {
      text += paragraph + '\n\n';
      lexer.lex(text);
    }
    const lexed = jest.spyOn(Lexer.prototype, 'lex');
    lexer.lex(text + 'one more');
    expect(lexed).toHaveBeenCalledTimes(1);
    expect(lexed.mock.calls[0][0].length).toBeLessThan(100);
  });

  it('keeps text nested deeper than any answer as one unlexed token, never markup', () => {
    const lexer = new IncrementalLexer();
    const hostile = '>'.repeat(5000) + ' x';
    lexer.lex('# Before\n\nA paragraph.\n\n');
    const tokens = lexer.lex('# Before\n\nA paragraph.\n\n' + hostile);
    expect(tokens.at(-1)?.type).toBe('unlexed');
    expect(tokens.at(-1)?.raw.endsWith(hostile)).toBe(true);
    expect(tokens[0].type).toBe('heading');
  });

  it('keeps text the lexer fails on as one unlexed token', () => {
    const lexer = new IncrementalLexer();
    jest.spyOn(Lexer.prototype, 'lex').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(lexer.lex('**deep**')).toEqual([{ type: 'unlexed', raw: '**deep**' }]);
    expect(comparable(lexer.lex('**deep** and more'))).toEqual(
      comparable(lexAll('**deep** and more')),
    );
  });

  it('returns the same array for the same text', () => {
    const lexer = new IncrementalLexer();
    expect(lexer.lex('same')).toBe(lexer.lex('same'));
  });

  it('starts over when the text is not a continuation (another answer)', () => {
    const lexer = new IncrementalLexer();
    lexer.lex('[r]: https://one.example\n\n# First answer\n\nbody');
    expect(comparable(lexer.lex('Second [x][r]'))).toEqual(comparable(lexAll('Second [x][r]')));
  });

  it('reads CRLF line ends as LF', () => {
    const lexer = new IncrementalLexer();
    expect(comparable(lexer.lex('a\r\n\r\nb'))).toEqual(comparable(lexAll('a\n\nb')));
  });

  it('applies a link definition to later blocks only, not to those already settled', () => {
    const lexer = new IncrementalLexer();
    lexer.lex('Before [x][r]\n\nMiddle\n');
    const tokens = lexer.lex('Before [x][r]\n\nMiddle\n\n[r]: https://example.com\n\nAfter [x][r]');
    const links = (token: Token) =>
      ((token as Tokens.Paragraph).tokens ?? []).filter((t) => t.type === 'link').length;
    expect(links(tokens[0])).toBe(0);
    expect(links(tokens.at(-1) as Token)).toBe(1);
  });
});
