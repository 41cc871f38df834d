import { NOTE_TOPICS, type Note } from './note';

/** An example the no-match answer suggests; it must find the sequential read note. */
export const EXAMPLE_QUESTION = 'Why is my query waiting on db file sequential read?';

/**
 * The answer's Markdown: a first line saying what answers (this server quoting notes, not a
 * language model), then the notes, or, when there are none, the topics it knows.
 */
export function composeAnswer(notes: readonly Note[], allNotes: readonly Note[]): string {
  if (notes.length === 0) return noMatchAnswer(allNotes);
  const lead =
    notes.length === 1
      ? 'here is the built-in note that best matches your question'
      : `here are the ${notes.length} built-in notes that best match your question`;
  return [
    `*Dev model server, not a language model: ${lead}.*`,
    ...notes.map((note) => `## ${note.title}\n\n${note.body}`),
    '*Notes written for oracle-ai from public Oracle documentation.*',
  ].join('\n\n');
}

function noMatchAnswer(allNotes: readonly Note[]): string {
  const topics = NOTE_TOPICS.map((topic) => {
    const titles = allNotes.filter((note) => note.topic === topic).map((note) => note.title);
    return `- **${topic}**: ${titles.join(' · ')}`;
  });
  return [
    '*Dev model server, not a language model: none of my built-in notes on Oracle performance matches your question.*',
    'I have notes on these topics:',
    topics.join('\n'),
    `Ask about one of them, for example: “${EXAMPLE_QUESTION}”`,
  ].join('\n\n');
}
