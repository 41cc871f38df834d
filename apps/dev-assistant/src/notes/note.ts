/** The headings under which the no-match answer lists what the notes cover, in that order. */
export const NOTE_TOPICS = [
  'Wait events',
  'Load, CPU and sessions',
  'AWR and ASH',
  'SQL, plans and indexes',
  'Optimizer statistics and parsing',
  'I/O, redo and undo',
  'Memory and space',
] as const;

export type NoteTopic = (typeof NOTE_TOPICS)[number];

/** One short note on Oracle performance, written for this server from public documentation. */
export interface Note {
  /** Stable slug, e.g. `db-file-sequential-read`. */
  id: string;
  topic: NoteTopic;
  /** The note's heading in an answer, and its name in the list of topics. */
  title: string;
  /** Words people use for the subject that the body may not contain, searched with the title. */
  keywords: string[];
  /** Markdown without a top-level heading: `###` subheadings, lists, fenced SQL, small tables. */
  body: string;
}

/** A note's body from its lines: keeps the Markdown readable in source, backticks and all. */
export function markdown(...lines: string[]): string {
  return lines.join('\n');
}
