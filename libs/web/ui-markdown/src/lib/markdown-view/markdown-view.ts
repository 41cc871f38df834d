import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  signal,
  untracked,
  ViewEncapsulation,
} from '@angular/core';
import { IncrementalLexer } from '../lexing/incremental-lexer';
import { LexingPace } from '../lexing/lexing-pace';
import type { HeadingLevel } from '../model/markdown-node';
import { MarkdownNodes } from '../model/markdown-nodes';
import { MarkdownBlocks } from '../rendering/markdown-blocks';

/**
 * Shows untrusted Markdown (an assistant's answer) as formatted text without ever parsing it as
 * HTML: `marked`'s lexer makes tokens, `MarkdownNodes` decides what each may become, and templates
 * build the elements — no `innerHTML`, no sanitizer bypass, nothing for Trusted Types to police.
 * Raw HTML shows as the characters written, images as their description (never loaded), links
 * only to `http:`/`https:` (others are text). A text that grows at its end (a streamed answer)
 * is lexed again only from its last block on, and never more than `LexingPace` allows.
 */
@Component({
  selector: 'app-markdown',
  imports: [MarkdownBlocks],
  template: '<app-markdown-blocks [blocks]="blocks()" />',
  styleUrl: './markdown-view.css',
  // The nested renderers' elements are styled from here, under the `app-markdown` element.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownView {
  readonly markdown = input.required<string>();
  /** The HTML heading level of a Markdown `#` heading, to fit the page's outline; default 3. */
  readonly topHeadingLevel = input<HeadingLevel>(3);

  private readonly lexer = new IncrementalLexer();
  private readonly pace = new LexingPace();
  /** The text on the page: `markdown`, caught up with as often as the pace allows. */
  private readonly shown = signal('');
  private readonly nodes = computed(() => new MarkdownNodes(this.topHeadingLevel()));
  protected readonly blocks = computed(() =>
    this.pace.measure(() => this.nodes().blocks(this.lexer.lex(this.shown()))),
  );

  constructor() {
    effect((onCleanup) => {
      const markdown = this.markdown();
      const delay = untracked(() => this.pace.delay());
      if (delay === 0) {
        this.shown.set(markdown);
        return;
      }
      const catchUp = setTimeout(() => this.shown.set(markdown), delay);
      onCleanup(() => clearTimeout(catchUp));
    });
  }
}
