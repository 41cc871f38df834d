import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, forwardRef, input } from '@angular/core';
import type { MarkdownBlock, MarkdownListItem } from '../model/markdown-node';
import { MarkdownInlines } from './markdown-inlines';

/**
 * Renders block nodes as elements, recursively (quotes and list items hold blocks). Views are kept
 * by position and nodes that did not change are the same objects, so while an answer streams the
 * finished blocks are not even checked (`OnPush`) and the growing one updates in place.
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
