import { TurnBatch } from './turn-batch';

describe('TurnBatch', () => {
  it('runs the tasks of one turn together, in order, after the turn', async () => {
    const batch = new TurnBatch();
    const ran: string[] = [];
    batch.add(() => ran.push('a'));
    batch.add(() => ran.push('b'));
    ran.push('same turn');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['same turn', 'a', 'b']);
  });

  it('starts a new batch for tasks added while or after one runs', async () => {
    const batch = new TurnBatch();
    const ran: string[] = [];
    batch.add(() => {
      ran.push('first');
      batch.add(() => ran.push('added by first'));
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['first']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['first', 'added by first']);
  });
});
