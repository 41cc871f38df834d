import { LexingPace } from './lexing-pace';

describe('LexingPace', () => {
  let now: number;
  const pace = () => new LexingPace(3, () => now);

  beforeEach(() => (now = 1_000));

  it('lets the first pass run at once', () => {
    expect(pace().delay()).toBe(0);
  });

  it('spaces passes by three times what the last one took', () => {
    const keeper = pace();
    const result = keeper.measure(() => {
      now += 40;
      return 'lexed';
    });
    expect(result).toBe('lexed');
    expect(keeper.delay()).toBe(120);
    now += 100;
    expect(keeper.delay()).toBe(20);
    now += 20;
    expect(keeper.delay()).toBe(0);
  });

  it('times a pass that throws too', () => {
    const keeper = pace();
    expect(() =>
      keeper.measure(() => {
        now += 10;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(keeper.delay()).toBe(30);
  });
});
