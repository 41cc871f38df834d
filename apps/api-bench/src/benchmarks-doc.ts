import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The generated sections of docs/benchmarks.md, each between `<!-- api-bench:<name>:start -->`
 * and `<!-- api-bench:<name>:end -->`; the prose around them is written by hand and kept.
 */
export type DocSection = 'goals' | 'results';

/** Where a missing section is added, under its own heading. */
const HEADINGS: Record<DocSection, string> = { goals: 'Goals', results: 'Latest results' };

const start = (name: DocSection) => `<!-- api-bench:${name}:start -->`;
const end = (name: DocSection) => `<!-- api-bench:${name}:end -->`;

/** The content of a generated section, or undefined when the document has none. */
export function readSection(doc: string, name: DocSection): string | undefined {
  const from = doc.indexOf(start(name));
  const to = doc.indexOf(end(name));
  if (from < 0 || to < from) return undefined;
  return doc.slice(from + start(name).length, to).trim();
}

export function replaceSection(doc: string, name: DocSection, content: string): string {
  const generated = `${start(name)}\n\n${content}\n\n${end(name)}`;
  const from = doc.indexOf(start(name));
  const to = doc.indexOf(end(name));
  if (from >= 0 && to > from) {
    return doc.slice(0, from) + generated + doc.slice(to + end(name).length);
  }
  return `${doc.trimEnd() || '# API benchmarks'}\n\n## ${HEADINGS[name]}\n\n${generated}\n`;
}

/** Rewrites the generated sections of the document at `path`. */
export function writeBenchmarksDoc(path: string, sections: Record<DocSection, string>): void {
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '';
  for (const name of Object.keys(sections) as DocSection[]) {
    doc = replaceSection(doc, name, sections[name]);
  }
  writeFileSync(path, doc);
}
