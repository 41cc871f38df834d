import { ALL_NOTES } from './all-notes';
import { composeAnswer } from './compose-answer';
import { NOTE_TOPICS } from './note';

describe('composeAnswer', () => {
  const [first, second] = ALL_NOTES;

  it('says what answers, then quotes each note under its title', () => {
    const answer = composeAnswer([first, second], ALL_NOTES);
    expect(answer.split('\n')[0]).toBe(
      '*Dev model server, not a language model: here are the 2 built-in notes that best match your question.*',
    );
    expect(answer).toContain(`## ${first.title}\n\n${first.body}`);
    expect(answer).toContain(`## ${second.title}\n\n${second.body}`);
    expect(answer.indexOf(first.title)).toBeLessThan(answer.indexOf(second.title));
  });

  it('speaks of one note in the singular', () => {
    expect(composeAnswer([first], ALL_NOTES).split('\n')[0]).toBe(
      '*Dev model server, not a language model: here is the built-in note that best matches your question.*',
    );
  });

  it('says honestly when nothing matches and lists every topic and note', () => {
    const answer = composeAnswer([], ALL_NOTES);
    expect(answer).toMatch(/^\*Dev model server, not a language model: none of my built-in notes/);
    for (const topic of NOTE_TOPICS) expect(answer).toContain(`- **${topic}**:`);
    for (const note of ALL_NOTES) expect(answer).toContain(note.title);
    expect(answer).not.toContain('## ');
  });
});
