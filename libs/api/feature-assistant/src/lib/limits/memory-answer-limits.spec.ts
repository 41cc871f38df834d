import { limitsKey, type Admission } from './answer-limits';
import { MemoryAnswerLimits } from './memory-answer-limits';

describe('MemoryAnswerLimits', () => {
  let now: number;
  let limits: MemoryAnswerLimits;

  beforeEach(() => {
    now = 1_000_000;
    limits = new MemoryAnswerLimits({ ratePerMinute: 3, maxConcurrent: 2 }, () => now);
  });

  afterEach(() => limits.close());

  const released = (admission: Admission) => {
    if (admission.admitted) admission.release();
    return admission.admitted;
  };

  it('admits up to the rate per sliding minute; Retry-After is when the oldest start leaves it', async () => {
    expect(released(await limits.admit('alice'))).toBe(true);
    now += 10_000;
    expect(released(await limits.admit('alice'))).toBe(true);
    expect(released(await limits.admit('alice'))).toBe(true);
    now += 5_000;
    expect(await limits.admit('alice')).toEqual({
      admitted: false,
      limit: 'rate',
      retryAfterS: 45,
    });
    now += 45_000;
    expect(released(await limits.admit('alice'))).toBe(true);
  });

  it('admits up to the concurrency; a release frees a slot, once however often it is called', async () => {
    const first = await limits.admit('alice');
    const second = await limits.admit('alice');
    expect(await limits.admit('alice')).toEqual({
      admitted: false,
      limit: 'concurrency',
      retryAfterS: 5,
    });
    if (!first.admitted || !second.admitted) throw new Error('not admitted');
    first.release();
    first.release();
    const third = await limits.admit('alice');
    expect(third.admitted).toBe(true);
    // Both full: the refusal names the slots, the sooner a client may act on.
    expect(await limits.admit('alice')).toMatchObject({ admitted: false, limit: 'concurrency' });
    second.release();
    expect(await limits.admit('alice')).toMatchObject({ admitted: false, limit: 'rate' });
  });

  it('refused requests take nothing: a user refused all minute is admitted when it ends', async () => {
    for (let i = 0; i < 3; i++) released(await limits.admit('alice'));
    for (let i = 0; i < 20; i++) {
      now += 2_000;
      expect((await limits.admit('alice')).admitted).toBe(false);
    }
    now += 21_000;
    expect((await limits.admit('alice')).admitted).toBe(true);
  });

  it('keeps users apart, and forgets the idle ones', async () => {
    for (let i = 0; i < 3; i++) released(await limits.admit('alice'));
    expect((await limits.admit('bob')).admitted).toBe(true);
    expect(limits.trackedUsers).toBe(2);
    now += 61_000;
    limits.forgetIdleUsers();
    // bob's answer is still in progress: his slot is kept.
    expect(limits.trackedUsers).toBe(1);
  });

  it('keys users by issuer and subject, hashed to a fixed length', () => {
    const key = limitsKey('https://sso.example.com', 'alice');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(limitsKey('https://other.example.com', 'alice')).not.toBe(key);
    expect(limitsKey('https://sso.example.com\nalice', '')).not.toBe(key);
  });

  it('refuses a policy that is not whole numbers ≥ 1', () => {
    expect(() => new MemoryAnswerLimits({ ratePerMinute: 0, maxConcurrent: 1 })).toThrow(
      'ratePerMinute must be a whole number ≥ 1',
    );
  });
});
