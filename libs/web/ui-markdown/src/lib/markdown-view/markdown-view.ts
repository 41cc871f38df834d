import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  ViewEncapsulation,
} from '@angular/core';
import { IncrementalLexer } from '../lexing/incremental-lexer';
import type { HeadingLevel } from '../model/markdown-node';
import { MarkdownNodes } from '../model/markdown-nodes';
import { MarkdownBlocks } from '../rendering/markdown-blocks';

/**
 * Shows untrusted Markdown (an assistant's answer) as formatted text without ever parsing it as
 * HTML: `marked`'s lexer makes tokens, `MarkdownNodes` decides what each may become, and templates
 * build the elements — no `innerHTML`, no sanitizer bypass, nothing for Trusted Types to police.
 * Raw HTML shows as the characters written, images as their description (never loaded), links
 * only to `http:`/`https:` (others are text). A text that grows at its end (a streamed answer)
 * is lexed again only from its last block on.
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
  private readonly nodes = computed(() => new MarkdownNodes(this.topHeadingLevel()));
  protected readonly blocks = computed(() => this.nodes().blocks(this.lexer.lex(this.markdown())));
}
