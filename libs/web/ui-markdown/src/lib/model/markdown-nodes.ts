import type { Token, Tokens } from 'marked';
import { followableUrl } from '../links/followable-url';
import { resolveNamedReferences } from '../text/character-references';
import { textPieces } from '../text/text-pieces';
import type {
  HeadingLevel,
  MarkdownBlock,
  MarkdownCell,
  MarkdownInline,
  MarkdownListItem,
} from './markdown-node';

/**
 * Levels of elements an answer may nest (emphasis in a link in a list in a quote …) before the
 * rest is shown as text: the templates render recursively, and hostile nesting must neither
 * overflow the stack nor build thousands of nested components.
 */
export const MAX_RENDER_DEPTH = 24;

/**
 * Turns `marked` tokens into the nodes the templates render (see `MarkdownBlock`): the one place
 * that decides what a token may become. Each token is converted once: the same token object gives
 * the same node object, so nodes keep their identity exactly as long as their tokens do.
 */
export class MarkdownNodes {
  private readonly converted = new WeakMap<object, unknown>();
  /** How many lists of blocks or inlines the conversion is inside now. */
  private depth = 0;

  /** `topHeadingLevel`: the HTML level of a Markdown `#` heading; deeper ones follow, up to 6. */
  constructor(private readonly topHeadingLevel: HeadingLevel) {}

  blocks(tokens: readonly Token[] = []): MarkdownBlock[] {
    return this.nested(() => {
      const blocks: MarkdownBlock[] = [];
      for (const token of tokens) {
        const block = this.once<MarkdownBlock | null>(token, () =>
          this.depth > MAX_RENDER_DEPTH
            ? { kind: 'literal', pieces: textPieces(token.raw) }
            : this.block(token),
        );
        if (block !== null) blocks.push(block);
      }
      return blocks;
    });
  }

  inlines(tokens: readonly Token[] = []): MarkdownInline[] {
    return this.nested(() => {
      const inlines: MarkdownInline[] = [];
      for (const token of tokens) {
        const inline = this.once<MarkdownInline | null>(token, () =>
          this.depth > MAX_RENDER_DEPTH
            ? { kind: 'text', pieces: textPieces(token.raw) }
            : this.inline(token),
        );
        if (inline !== null) inlines.push(inline);
      }
      return inlines;
    });
  }

  private nested<T>(convert: () => T): T {
    this.depth++;
    try {
      return convert();
    } finally {
      this.depth--;
    }
  }

  private block(token: Token): MarkdownBlock | null {
    switch (token.type) {
      case 'space':
      case 'def':
      case 'checkbox':
        return null;
      case 'heading':
        return {
          kind: 'heading',
          level: Math.min(6, this.topHeadingLevel - 1 + token.depth) as HeadingLevel,
          content: this.inlines(token.tokens),
        };
      case 'paragraph':
        return { kind: 'paragraph', content: this.inlines(token.tokens) };
      case 'text':
        return { kind: 'text', content: token.tokens ? this.inlines(token.tokens) : [text(token)] };
      case 'code':
        return { kind: 'code', language: language(token.lang), pieces: textPieces(token.text) };
      case 'blockquote':
        return { kind: 'quote', blocks: this.blocks(token.tokens) };
      case 'list':
        return {
          kind: 'list',
          ordered: token.ordered,
          start: token.ordered && typeof token.start === 'number' ? token.start : null,
          items: token.items.map((item: Tokens.ListItem) => this.once(item, () => this.item(item))),
        };
      case 'table':
        return {
          kind: 'table',
          header: token.header.map((cell: Tokens.TableCell) => this.cell(cell)),
          rows: token.rows.map((row: Tokens.TableCell[]) => row.map((cell) => this.cell(cell))),
        };
      case 'hr':
        return { kind: 'rule' };
      default:
        // HTML blocks, and anything an extension could add: the characters as written.
        return { kind: 'literal', pieces: textPieces(token.raw) };
    }
  }

  private item(item: Tokens.ListItem): MarkdownListItem {
    return { checked: item.task ? item.checked === true : null, blocks: this.blocks(item.tokens) };
  }

  private cell(cell: Tokens.TableCell): MarkdownCell {
    return this.once(cell, () => ({ align: cell.align, content: this.inlines(cell.tokens) }));
  }

  private inline(token: Token): MarkdownInline | null {
    switch (token.type) {
      case 'checkbox':
        return null;
      case 'text':
        return text(token);
      case 'escape':
        return { kind: 'text', pieces: [token.text] };
      case 'strong':
        return { kind: 'strong', content: this.inlines(token.tokens) };
      case 'em':
        return { kind: 'emphasis', content: this.inlines(token.tokens) };
      case 'del':
        return { kind: 'deleted', content: this.inlines(token.tokens) };
      case 'codespan':
        return { kind: 'code', text: token.text };
      case 'br':
        return { kind: 'break' };
      case 'link':
        return this.link(token as Tokens.Link);
      case 'image':
        return { kind: 'image', description: resolveNamedReferences(token.text) };
      default:
        // Inline HTML (`<img src=x onerror=…>`, `<script>`) and unknown tokens: shown as written.
        return { kind: 'text', pieces: textPieces(token.raw) };
    }
  }

  private link(token: Tokens.Link): MarkdownInline {
    // Character references in a destination mean what they say, except in autolinks (literal).
    const destination = token.autolink ? token.href : resolveNamedReferences(token.href);
    const content = this.inlines(token.tokens);
    const url = followableUrl(destination);
    if (url === null) return { kind: 'inert-link', destination, content };
    const title = token.title ? resolveNamedReferences(token.title) : null;
    return { kind: 'link', url, title, content };
  }

  private once<T>(source: object, convert: () => T): T {
    if (this.converted.has(source)) return this.converted.get(source) as T;
    const node = convert();
    this.converted.set(source, node);
    return node;
  }
}

/** Text as the browser would show marked's HTML of it. */
function text(token: Tokens.Text | Tokens.Generic): MarkdownInline {
  // Text inside an unclosed raw HTML element (`<pre>`, `<script>`) is passed through untouched.
  const text = token['escaped'] ? token.text : resolveNamedReferences(token.text);
  return { kind: 'text', pieces: textPieces(text) };
}

/** The language word of a fence's info string (`sql` in "```sql title"), if any. */
function language(info: string | undefined): string | null {
  const word = info?.trim().split(/\s+/)[0];
  return word ? word : null;
}
