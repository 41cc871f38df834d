import {
  findFreePort,
  startProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';
import { LimitsUnavailable, type Admission } from './answer-limits';
import { RedisAnswerLimits } from './redis-answer-limits';

jest.setTimeout(30_000);

/** Against a real `redis-server` in the foreground (Debian's), on a free loopback port. */
describe('RedisAnswerLimits', () => {
  let redis: RunningProcess;
  let url: string;
  const opened: RedisAnswerLimits[] = [];
  let prefix = 0;

  beforeAll(async () => {
    const port = await findFreePort();
    url = `redis://127.0.0.1:${port}`;
    redis = await startProcess(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { name: 'redis-server', readyWhen: { tcpPort: port } },
    );
  });

  afterAll(async () => {
    await Promise.all(opened.map((limits) => limits.close()));
    await redis.stop();
  });

  /** Limits on their own keys, so tests do not share users. */
  function instance(options: { leaseMs?: number; keyPrefix?: string } = {}): RedisAnswerLimits {
    const limits = new RedisAnswerLimits({
      url,
      ratePerMinute: 3,
      maxConcurrent: 2,
      keyPrefix: options.keyPrefix ?? `test-${++prefix}:`,
      leaseMs: options.leaseMs,
    });
    opened.push(limits);
    return limits;
  }

  /** Until the client has connected (it connects in the background, without an offline queue). */
  async function admitWhenConnected(limits: RedisAnswerLimits, user: string): Promise<Admission> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        return await limits.admit(user);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  it('two instances share one user’s rate and slots', async () => {
    const keyPrefix = `shared-${Date.now()}:`;
    const a = instance({ keyPrefix });
    const b = instance({ keyPrefix });
    const first = await admitWhenConnected(a, 'alice');
    const second = await admitWhenConnected(b, 'alice');
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    expect(await a.admit('alice')).toEqual({
      admitted: false,
      limit: 'concurrency',
      retryAfterS: 5,
    });
    if (first.admitted) first.release();
    const third = await b.admit('alice');
    expect(third.admitted).toBe(true);
    if (third.admitted) third.release();
    if (second.admitted) second.release();
    const refused = await a.admit('alice');
    expect(refused).toMatchObject({ admitted: false, limit: 'rate' });
    expect(refused.admitted === false && refused.retryAfterS).toBeGreaterThanOrEqual(59);
    expect((await b.admit('bob')).admitted).toBe(true);
  });

  it('a slot its instance never releases (a crash) expires with its lease', async () => {
    const keyPrefix = `lease-${Date.now()}:`;
    const crashed = instance({ keyPrefix, leaseMs: 600 });
    await admitWhenConnected(crashed, 'carol');
    await crashed.admit('carol');
    // The instance is gone: nothing renews or releases its slots.
    await crashed.close();
    const survivor = instance({ keyPrefix, leaseMs: 600 });
    expect(await admitWhenConnected(survivor, 'carol')).toMatchObject({
      admitted: false,
      limit: 'concurrency',
    });
    const deadline = Date.now() + 5_000;
    let admission = await survivor.admit('carol');
    while (!admission.admitted && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      admission = await survivor.admit('carol');
    }
    expect(admission.admitted).toBe(true);
  });

  it('a slot whose answer runs longer than the lease is renewed, not lost', async () => {
    const limits = instance({ leaseMs: 600 });
    const first = await admitWhenConnected(limits, 'dave');
    const second = await limits.admit('dave');
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await limits.admit('dave')).toMatchObject({ admitted: false, limit: 'concurrency' });
  });

  it('fails closed while Redis is unreachable, fast', async () => {
    const port = await findFreePort();
    const limits = new RedisAnswerLimits({
      url: `redis://127.0.0.1:${port}`,
      ratePerMinute: 3,
      maxConcurrent: 2,
    });
    opened.push(limits);
    const started = Date.now();
    await expect(limits.admit('alice')).rejects.toBeInstanceOf(LimitsUnavailable);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
