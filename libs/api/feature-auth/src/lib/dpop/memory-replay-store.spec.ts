import { MemoryReplayStore } from './memory-replay-store';

describe('MemoryReplayStore', () => {
  let clock = 0;
  const store = (maxEntries = 100) =>
    new MemoryReplayStore({ windowS: 60, maxEntries, now: () => clock });

  beforeEach(() => (clock = 1_000_000));

  it('accepts an id once and refuses it again within the window', () => {
    const replays = store();
    expect(replays.firstUse('a')).toBe(true);
    expect(replays.firstUse('a')).toBe(false);
    clock += 59_000;
    expect(replays.firstUse('a')).toBe(false);
  });

  it('remembers an id for at least one window, at most two', () => {
    const replays = store();
    replays.firstUse('a');
    clock += 61_000;
    expect(replays.firstUse('b')).toBe(true);
    expect(replays.firstUse('a')).toBe(false);
    clock += 61_000;
    expect(replays.firstUse('a')).toBe(true);
  });

  it('forgets everything after two quiet windows', () => {
    const replays = store();
    replays.firstUse('a');
    clock += 125_000;
    expect(replays.firstUse('a')).toBe(true);
  });

  it('refuses new ids when full rather than forgetting or accepting unchecked', () => {
    const replays = store(2);
    replays.firstUse('a');
    replays.firstUse('b');
    expect(() => replays.firstUse('c')).toThrow(
      expect.objectContaining({ code: 'REPLAY_STORE_UNAVAILABLE', statusCode: 503 }),
    );
    expect(replays.firstUse('a')).toBe(false);
  });
});
