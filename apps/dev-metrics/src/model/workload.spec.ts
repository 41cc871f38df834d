import { DATABASES } from './databases';
import { WAIT_CLASSES } from './profile';
import { rateAt } from './shapes';
import { Workload } from './workload';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** A Tuesday, 00:00 UTC. */
const DAY0 = Date.UTC(2026, 10, 24) / 1000;
const at = (hours: number, minutes = 0) => DAY0 + hours * HOUR + minutes * 60;
const profile = (name: string) => {
  const found = DATABASES.find((db) => db.name === name);
  if (found === undefined) throw new Error(`no database ${name}`);
  return found;
};
const workload = (name: string) => new Workload(profile(name));
const get = <K, V>(map: ReadonlyMap<K, V>, key: K): V => {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no ${String(key)}`);
  return value;
};

describe('Workload', () => {
  const instants = Array.from({ length: 200 }, (_, i) => DAY0 + i * 1297);

  it.each(DATABASES.map((db) => db.name))(
    '%s: DB time covers DB CPU and every wait, in rates and counters',
    (name) => {
      const model = workload(name);
      for (const t of instants) {
        const waits = WAIT_CLASSES.map((waitClass) => model.waits.get(waitClass) ?? []);
        const rateSum =
          rateAt(model.cpu, t) + waits.reduce((sum, rate) => sum + rateAt(rate, t), 0);
        expect(rateAt(model.dbTime, t)).toBeGreaterThanOrEqual(rateSum);
        const counterSum =
          model.counter(model.cpu, t) +
          waits.reduce((sum, rate) => sum + model.counter(rate, t), 0);
        expect(model.counter(model.dbTime, t)).toBeGreaterThanOrEqual(counterSum);
      }
    },
  );

  it.each(DATABASES.map((db) => db.name))(
    '%s: each instance’s DB CPU stays within its CPUs, while its incidents push AAS above them',
    (name) => {
      const model = workload(name);
      const cpus = model.profile.instances.reduce((sum, instance) => sum + instance.cpus, 0);
      let peakAas = 0;
      for (let t = DAY0; t < DAY0 + DAY; t += 60) {
        for (const instance of model.profile.instances) {
          expect(instance.share * rateAt(model.cpu, t)).toBeLessThan(instance.cpus);
        }
        peakAas = Math.max(peakAas, rateAt(model.dbTime, t));
      }
      expect(peakAas).toBeGreaterThan(cpus);
    },
  );

  it.each(DATABASES.map((db) => db.name))(
    '%s: no rate is ever negative, so counters only grow',
    (name) => {
      const model = workload(name);
      const rates = [model.cpu, model.dbTime, ...model.waits.values(), ...model.activity.values()];
      for (const rate of rates) {
        let previous = -Infinity;
        for (const t of instants) {
          expect(rateAt(rate, t)).toBeGreaterThanOrEqual(0);
          const counter = model.counter(rate, t);
          expect(counter).toBeGreaterThanOrEqual(previous);
          previous = counter;
        }
      }
    },
  );

  it('is a function of the clock: the same instant gives the same figures', () => {
    const t = at(10, 7);
    expect(workload('finprod').counter(workload('finprod').dbTime, t)).toBe(
      workload('finprod').counter(workload('finprod').dbTime, t),
    );
    expect(workload('paycdb').sessions(1, t)).toEqual(workload('paycdb').sessions(1, t));
  });

  it('the nightly batch raises I/O waits on dwh and finprod', () => {
    for (const [name, during] of [
      ['dwh', at(2)],
      ['finprod', at(1, 45)],
    ] as const) {
      const model = workload(name);
      const userIo = get(model.waits, 'user_io');
      expect(rateAt(userIo, during)).toBeGreaterThan(3 * rateAt(userIo, at(22)));
      expect(rateAt(get(model.waits, 'system_io'), during)).toBeGreaterThan(
        3 * rateAt(get(model.waits, 'system_io'), at(22)),
      );
    }
  });

  it('a lock storm raises application and concurrency waits, and commits fall', () => {
    const model = workload('finprod');
    const during = at(10, 26);
    const before = at(10, 10);
    expect(rateAt(get(model.waits, 'application'), during)).toBeGreaterThan(
      20 * rateAt(get(model.waits, 'application'), before),
    );
    expect(rateAt(get(model.waits, 'concurrency'), during)).toBeGreaterThan(
      5 * rateAt(get(model.waits, 'concurrency'), before),
    );
    expect(rateAt(get(model.activity, 'user_commits'), during)).toBeLessThan(
      rateAt(get(model.activity, 'user_commits'), before),
    );
  });

  it('AAS follows the business day: busier in the early afternoon than at night (outside incidents)', () => {
    const model = workload('paycdb');
    expect(rateAt(model.dbTime, at(13, 5))).toBeGreaterThan(2 * rateAt(model.dbTime, at(3)));
  });

  it('tablespaces: the batch fills TEMP while it runs and the facts grow run after run until Monday', () => {
    const model = workload('dwh');
    const index = (name: string) => profile('dwh').tablespaces.findIndex((ts) => ts.name === name);
    const temp = index('TEMP');
    expect(model.tablespaceUsedBytes(temp, at(2))).toBeGreaterThan(
      20 * model.tablespaceUsedBytes(temp, at(12)),
    );
    const facts = index('DWH_FACTS');
    // Tuesday noon, Thursday noon: two more runs.
    expect(model.tablespaceUsedBytes(facts, at(12) + 2 * DAY)).toBeGreaterThan(
      model.tablespaceUsedBytes(facts, at(12)),
    );
    // The weekly purge: Monday (day 6 after this Tuesday) morning is below Sunday evening.
    expect(model.tablespaceUsedBytes(facts, at(0, 10) + 6 * DAY)).toBeLessThan(
      model.tablespaceUsedBytes(facts, at(23) + 5 * DAY),
    );
  });

  it('sessions: at least one active user session, background sessions per instance', () => {
    const model = workload('finprod');
    for (const t of instants) {
      const sessions = model.sessions(0.55, t);
      expect(sessions.activeUser).toBeGreaterThanOrEqual(1);
      expect(sessions.inactiveUser).toBeGreaterThanOrEqual(0);
      expect(sessions.activeBackground).toBeGreaterThanOrEqual(58);
    }
  });
});
