import MiniSearch from 'minisearch';
import type { Note } from './note';
import { searchTerm, splitWords } from './search-terms';

export interface ScoredNote {
  note: Note;
  /** minisearch's BM25+ score: comparable between the notes of one search only. */
  score: number;
}

/** The weight of an earlier question's terms next to the current question's. */
const CONTEXT_WEIGHT = 0.5;

/**
 * A full-text index of the notes (minisearch, BM25+): a note's title counts most, then the words
 * people use for its subject, then its body.
 */
export class NoteIndex {
  private readonly index: MiniSearch<Note>;
  private readonly notes: ReadonlyMap<string, Note>;

  constructor(notes: readonly Note[]) {
    this.notes = new Map(notes.map((note) => [note.id, note]));
    this.index = new MiniSearch<Note>({
      fields: ['title', 'keywords', 'body'],
      extractField: (note, field) =>
        field === 'keywords' ? note.keywords.join(' ') : String(note[field as keyof Note]),
      tokenize: splitWords,
      processTerm: searchTerm,
      searchOptions: {
        boost: { title: 3, keywords: 2 },
        // "sequen" finds "sequential"; one typo is forgiven in long words ("sequencial").
        prefix: (term) => term.length >= 5,
        fuzzy: (term) => (term.length >= 7 ? 0.15 : false),
        combineWith: 'OR',
      },
    });
    this.index.addAll([...notes]);
  }

  /** Notes matching `question`, best first; the terms of `context` count half as much. */
  search(question: string, context?: string): ScoredNote[] {
    const query =
      context === undefined
        ? question
        : {
            combineWith: 'OR' as const,
            queries: [question, { queries: [context], boostTerm: () => CONTEXT_WEIGHT }],
          };
    return this.index.search(query).map((result) => ({
      note: this.notes.get(result.id as string) as Note,
      score: result.score,
    }));
  }

  /**
   * The share of the words of `text` (stop words aside) that the index finds on their own, with
   * the same prefix and typo tolerance as a search: the notes' vocabulary; 1 when there are none.
   */
  knownShare(text: string): number {
    const words = splitWords(text).filter((word) => searchTerm(word) !== null);
    if (words.length === 0) return 1;
    const known = new Map<string, boolean>();
    const isKnown = (word: string) => {
      const lower = word.toLowerCase();
      if (!known.has(lower)) known.set(lower, this.index.search(lower).length > 0);
      return known.get(lower) as boolean;
    };
    return words.filter(isKnown).length / words.length;
  }
}
