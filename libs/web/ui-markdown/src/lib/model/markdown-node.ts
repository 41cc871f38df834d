/**
 * What an answer may become on the page: a tree of plain data that the templates turn into
 * elements and text nodes. Everything that could carry markup or reach the network has been
 * decided before this point: raw HTML is text, an image is its description, a link is followable
 * (`http:`/`https:`) or inert.
 */
export type MarkdownBlock =
  | { kind: 'heading'; level: HeadingLevel; content: MarkdownInline[] }
  | { kind: 'paragraph'; content: MarkdownInline[] }
  /** The text of a tight list item (no paragraph around it). */
  | { kind: 'text'; content: MarkdownInline[] }
  | { kind: 'code'; language: string | null; pieces: readonly string[] }
  | { kind: 'quote'; blocks: MarkdownBlock[] }
  | { kind: 'list'; ordered: boolean; start: number | null; items: MarkdownListItem[] }
  | { kind: 'table'; header: MarkdownCell[]; rows: MarkdownCell[][] }
  | { kind: 'rule' }
  /** HTML, or a construct this renderer does not know: shown as the characters written. */
  | { kind: 'literal'; pieces: readonly string[] };

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export interface MarkdownListItem {
  /** Task list item (`- [x] …`): whether it is ticked; null for a plain item. */
  checked: boolean | null;
  blocks: MarkdownBlock[];
}

export interface MarkdownCell {
  align: 'left' | 'center' | 'right' | null;
  content: MarkdownInline[];
}

export type MarkdownInline =
  /** Text in consecutive pieces (see `textPieces`): a long paragraph is several text nodes. */
  | { kind: 'text'; pieces: readonly string[] }
  | { kind: 'strong' | 'emphasis' | 'deleted'; content: MarkdownInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'break' }
  /** `url` is absolute `http:` or `https:`, as parsed by the browser. */
  | { kind: 'link'; url: string; title: string | null; content: MarkdownInline[] }
  /** A link to anything else (`javascript:`, `data:`, a relative path …): its text and, as text, where it pointed. */
  | { kind: 'inert-link'; destination: string; content: MarkdownInline[] }
  /** An image is never loaded: its description stands in for it. */
  | { kind: 'image'; description: string }
  | { kind: 'checkbox'; checked: boolean };
