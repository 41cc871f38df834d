export { MarkdownView } from './lib/markdown-view/markdown-view';
export type { HeadingLevel } from './lib/model/markdown-node';
