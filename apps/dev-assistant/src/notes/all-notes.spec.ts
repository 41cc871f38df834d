import { ALL_NOTES } from './all-notes';
import { NOTE_TOPICS } from './note';

describe('the notes', () => {
  it('number a few dozen, with unique ids and titles', () => {
    expect(ALL_NOTES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ALL_NOTES.map((note) => note.id)).size).toBe(ALL_NOTES.length);
    expect(new Set(ALL_NOTES.map((note) => note.title.toLowerCase())).size).toBe(ALL_NOTES.length);
  });

  it('cover every topic', () => {
    for (const topic of NOTE_TOPICS) {
      expect(ALL_NOTES.filter((note) => note.topic === topic).length).toBeGreaterThan(0);
    }
  });

  it.each(ALL_NOTES.map((note) => [note.id, note] as const))(
    '%s is short Markdown with balanced fences and no top-level heading',
    (_id, note) => {
      const words = note.body.split(/\s+/).length;
      expect(words).toBeGreaterThan(60);
      expect(words).toBeLessThan(320);
      expect(note.body).not.toMatch(/^#{1,2} /m);
      expect((note.body.match(/^```/gm) ?? []).length % 2).toBe(0);
      for (const fence of note.body.match(/^```\S*/gm) ?? []) {
        expect(['```sql', '```']).toContain(fence);
      }
      expect(note.keywords.length).toBeGreaterThan(0);
    },
  );

  it('put SQL in fenced blocks and use tables somewhere', () => {
    expect(ALL_NOTES.filter((note) => note.body.includes('```sql')).length).toBeGreaterThan(20);
    expect(ALL_NOTES.filter((note) => /^\| --- \|/m.test(note.body)).length).toBeGreaterThan(10);
  });
});
