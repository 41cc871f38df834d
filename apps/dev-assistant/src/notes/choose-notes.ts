import type { Note } from './note';
import type { NoteIndex, ScoredNote } from './note-index';

/**
 * Below this BM25+ score the best note is no match: a word found in many notes ("fix", "slow")
 * scores 2–3, one that names a subject ("histograms") 30 or more.
 */
const MIN_SCORE = 5;
/** Notes after the best are quoted only when they score at least this share of it. */
const SHARE_OF_BEST = 0.5;
const MAX_NOTES = 3;
/**
 * A question most of whose words the notes never use is about something else, even if one word
 * happens to appear in them ("Who won the football match yesterday?" finds "match").
 */
const MIN_KNOWN_SHARE = 0.5;
/**
 * Retrieval reads this much of a question: a question is a few lines, and a megabyte of text
 * (the body limit) would otherwise cost seconds of word lookups.
 */
const MAX_QUESTION_CHARS = 2000;

/**
 * The 1–3 notes that answer the last of `questions` (the user's messages, oldest first), or
 * none. A question that finds nothing by itself but uses only words the notes know ("How do I fix
 * it?", "tell me more") is read as a follow-up: the question before it is searched along with it,
 * at a lower weight. Any other question that finds nothing gets no notes, whatever came before.
 */
export function chooseNotes(index: NoteIndex, questions: readonly string[]): Note[] {
  const question = (questions.at(-1) ?? '').slice(0, MAX_QUESTION_CHARS);
  const previous = questions.at(-2)?.slice(0, MAX_QUESTION_CHARS);
  const knownShare = index.knownShare(question);
  if (knownShare < MIN_KNOWN_SHARE) return [];
  let results = index.search(question);
  if (!isMatch(results) && previous !== undefined && knownShare === 1) {
    results = index.search(question, previous);
  }
  if (!isMatch(results)) return [];
  const best = results[0].score;
  return results
    .filter((result) => result.score >= best * SHARE_OF_BEST)
    .slice(0, MAX_NOTES)
    .map((result) => result.note);
}

function isMatch(results: readonly ScoredNote[]): boolean {
  return results.length > 0 && results[0].score >= MIN_SCORE;
}
