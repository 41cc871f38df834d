import { ChangeDetectionStrategy, Component, forwardRef, input } from '@angular/core';
import type { MarkdownInline } from '../model/markdown-node';

/**
 * Renders inline nodes as elements and text nodes, recursively. Text only ever becomes text
 * nodes; the only URL bound anywhere is a followable link's, which Angular's URL sanitizer checks
 * once more. Links open in a new tab without `window.opener` or a referrer.
 */
@Component({
  selector: 'app-markdown-inlines',
  // Recursive: strong, emphasis and links hold inlines.
  imports: [forwardRef(() => MarkdownInlines)],
  // Whitespace in this template is content (a space between two nodes is a space in the answer),
  // and Angular keeps the whitespace Prettier would add inside blocks.
  // prettier-ignore
  template: `
    @for (inline of inlines(); track $index) {
      @switch (inline.kind) {
        @case ('text') {@for (piece of inline.pieces; track $index) {{{ piece }}}}
        @case ('strong') {<strong><app-markdown-inlines [inlines]="inline.content" /></strong>}
        @case ('emphasis') {<em><app-markdown-inlines [inlines]="inline.content" /></em>}
        @case ('deleted') {<del><app-markdown-inlines [inlines]="inline.content" /></del>}
        @case ('code') {<code>{{ inline.text }}</code>}
        @case ('break') {<br />}
        @case ('link') {<a [href]="inline.url" [attr.title]="inline.title" target="_blank" rel="noopener noreferrer"><app-markdown-inlines [inlines]="inline.content" /></a>}
        @case ('inert-link') {<span class="md-inert-link"><app-markdown-inlines [inlines]="inline.content" /> ({{ inline.destination }})</span>}
        @case ('image') {<span class="md-image">[image: {{ inline.description }}]</span>}
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownInlines {
  readonly inlines = input.required<readonly MarkdownInline[]>();
}
