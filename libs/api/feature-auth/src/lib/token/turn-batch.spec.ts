import { TurnBatch } from './turn-batch';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatch', () => {
  it('lets what waits in one turn run together, in order, after the turn', async () => {
    const batch = new TurnBatch();
    const ran: string[] = [];
    void batch.end().then(() => ran.push('a'));
    void batch.end().then(() => ran.push('b'));
    expect(batch.end()).toBe(batch.end());
    ran.push('same turn');
    await nextTurn();
    expect(ran).toEqual(['same turn', 'a', 'b']);
  });

  it('waits for the next turn when asked while or after a batch runs', async () => {
    const batch = new TurnBatch();
    const ran: string[] = [];
    void batch.end().then(() => {
      ran.push('first');
      void batch.end().then(() => ran.push('added by first'));
    });
    await nextTurn();
    expect(ran).toEqual(['first']);
    await nextTurn();
    expect(ran).toEqual(['first', 'added by first']);
  });
});
