import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, forwardRef, input } from '@angular/core';
import type { MarkdownBlock, MarkdownListItem } from '../model/markdown-node';
import { MarkdownInlines } from './markdown-inlines';

/**
 * Renders block nodes as elements, recursively (quotes and list items hold blocks). Tracked by
 * identity: a block whose node did not change keeps its elements while an answer streams.
 */
@Component({
  selector: 'app-markdown-blocks',
  imports: [MarkdownInlines, NgTemplateOutlet, forwardRef(() => MarkdownBlocks)],
  templateUrl: './markdown-blocks.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownBlocks {
  readonly blocks = input.required<readonly MarkdownBlock[]>();

  /** Types the list template's context, which templates see as `any`. */
  protected asItems(items: readonly MarkdownListItem[]): readonly MarkdownListItem[] {
    return items;
  }
}
