import { ALL_NOTES } from './all-notes';
import { chooseNotes } from './choose-notes';
import { composeAnswer } from './compose-answer';
import type { Note } from './note';
import { NoteIndex } from './note-index';

/** Answers a conversation from the notes: the whole answer, as Markdown. */
export class NoteAnswerer {
  private readonly index: NoteIndex;

  constructor(private readonly notes: readonly Note[] = ALL_NOTES) {
    this.index = new NoteIndex(notes);
  }

  /** `questions`: the user's messages, oldest first (system and assistant messages left out). */
  answer(questions: readonly string[]): string {
    return composeAnswer(chooseNotes(this.index, questions), this.notes);
  }
}
