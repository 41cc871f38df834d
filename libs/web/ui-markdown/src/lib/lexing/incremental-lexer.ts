import { Lexer, type Links, type MarkedOptions, type Token } from 'marked';
import { nestsTooDeep } from './nesting-depth';
import { shareUnchanged } from './structural-sharing';

/** GitHub-flavoured Markdown (tables, strikethrough, autolinks), as answers are written. */
function lexerOptions(): MarkedOptions {
  // A fresh object each time: marked's Lexer stores its tokenizer in the options it is given, and
  // the library-wide defaults (`marked.setOptions`) must not reach this renderer.
  return { gfm: true, breaks: false, pedantic: false, async: false };
}

/**
 * Lexes a text that grows at its end — an answer being streamed — into `marked` block tokens
 * without lexing all of it again each time. A top-level block followed by the start of another
 * cannot change any more: it is kept ("settled") and only the text from the last block on is
 * lexed again. Settled tokens keep their identity, and so do unchanged parts of the last block
 * (see `shareUnchanged`), so a view tracking tokens by identity only redraws what changed.
 *
 * A link reference definition applies to the blocks after it (not to settled blocks before it).
 * A text that does not extend the previous one starts over. Text nested deeper than any answer
 * (see `nestsTooDeep`), or that the lexer fails on, becomes one `unlexed` token: never markup.
 */
export class IncrementalLexer {
  private text = '';
  private settled: Token[] = [];
  /** Characters of `text` the settled tokens cover. */
  private settledLength = 0;
  private readonly links: Links = Object.create(null);
  /** Tokens of `text` after the settled ones, as lexed last time. */
  private tail: Token[] = [];
  private result: readonly Token[] = [];

  lex(markdown: string): readonly Token[] {
    const text = markdown.replace(/\r\n?/g, '\n');
    if (text === this.text) return this.result;
    if (!text.startsWith(this.text)) this.startOver();
    this.text = text;

    const lexed = this.lexFrom(this.settledLength).map((token, index) =>
      shareUnchanged(this.tail[index], token),
    );
    const settling = settledCount(lexed);
    for (const token of lexed.slice(0, settling)) this.settle(token);
    this.tail = lexed.slice(settling);
    this.result = [...this.settled, ...this.tail];
    return this.result;
  }

  private lexFrom(offset: number): Token[] {
    const source = this.text.slice(offset);
    // Text the lexer would choke on is kept as it is written (a literal block, never markup).
    if (nestsTooDeep(source)) return [unlexed(source)];
    const lexer = new Lexer(lexerOptions());
    Object.assign(lexer.tokens.links, this.links);
    try {
      return [...lexer.lex(source)];
    } catch {
      return [unlexed(source)];
    }
  }

  private settle(token: Token): void {
    this.settled.push(token);
    this.settledLength += token.raw.length;
    if (token.type === 'def' && !Object.hasOwn(this.links, token['tag'])) {
      this.links[token['tag']] = { href: token['href'], title: token['title'] };
    }
  }

  private startOver(): void {
    this.text = '';
    this.settled = [];
    this.settledLength = 0;
    this.tail = [];
    for (const tag of Object.keys(this.links)) delete this.links[tag];
  }
}

/** Text that was not lexed: rendered as the characters written. */
const UNLEXED = 'unlexed';

function unlexed(raw: string): Token {
  return { type: UNLEXED, raw };
}

/**
 * How many of `tokens` (lexed from the end of the settled ones) cannot change any more: those
 * before a block that follows a blank line and whose first line is complete. Without the blank
 * line a later line may still merge it with the block before (a lazy paragraph line, a setext
 * underline); while its first line is incomplete it may still continue the block before (`2`
 * becoming `2.`, the next item of a list across the blank line).
 */
function settledCount(tokens: readonly Token[]): number {
  for (let index = tokens.length - 1; index > 0; index--) {
    const token = tokens[index];
    const firstLineComplete = index < tokens.length - 1 || token.raw.includes('\n');
    if (token.type !== 'space' && tokens[index - 1].type === 'space' && firstLineComplete) {
      return index;
    }
  }
  return 0;
}
