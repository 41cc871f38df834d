import type { DatabaseProfile, IncidentSchedule, Mix, WaitClass } from './profile';
import { WAIT_CLASSES } from './profile';
import {
  constant,
  integral,
  jitter,
  periodStart,
  pulse,
  rateAt,
  wave,
  type Rate,
  type Shape,
} from './shapes';

const DAY = 86_400;
const WEEK = 7 * DAY;
/** 1970-01-05 was a Monday: the weekly purge of the tablespace model. */
const MONDAY = 4 * DAY;
/** When every simulated instance started: counters count from here. */
export const INSTANCE_STARTUP_S = Date.UTC(2025, 0, 6) / 1000;
/** DB time beyond CPU and waits: time spent waiting for a CPU (runqueue), as Oracle counts it. */
const CPU_QUEUE_FACTOR = 1.03;
/** How often the simulated figures that are counts (sessions) move: the usual scrape interval. */
const GAUGE_SLOT_S = 15;

export interface SessionCounts {
  activeUser: number;
  inactiveUser: number;
  activeBackground: number;
}

/**
 * One simulated database's work as functions of the clock: rates, and counters as their
 * integrals since {@link INSTANCE_STARTUP_S}. DB time is CPU × {@link CPU_QUEUE_FACTOR} plus every
 * non-idle wait, so it is never below DB CPU + waits, in rates and in counters alike.
 */
export class Workload {
  readonly batch: Shape | undefined;
  readonly storm: Shape | undefined;
  private readonly oltp: Rate;
  readonly cpu: Rate;
  readonly waits: ReadonlyMap<WaitClass, Rate>;
  readonly dbTime: Rate;
  readonly activity: ReadonlyMap<string, Rate>;

  constructor(readonly profile: DatabaseProfile) {
    this.batch = incident(profile.batch);
    this.storm = incident(profile.storm);
    // Each database's own rhythm: the same business day, its own short-term swings.
    const phase = jitter(profile.name, 0) * DAY;
    this.oltp = [
      { weight: 0.3, shape: constant },
      { weight: 0.62, shape: wave(DAY, 13 * 3600) },
      { weight: 0.05, shape: wave(23 * 60, phase) },
      { weight: 0.03, shape: wave(7 * 60 + 11, phase / 3) },
    ];
    this.cpu = this.rateOf(profile.cpu);
    this.waits = new Map(
      WAIT_CLASSES.map((waitClass) => [waitClass, this.rateOf(profile.waits[waitClass] ?? {})]),
    );
    this.dbTime = [
      ...this.cpu.map(({ weight, shape }) => ({ weight: weight * CPU_QUEUE_FACTOR, shape })),
      ...[...this.waits.values()].flat(),
    ];
    this.activity = new Map(
      Object.entries(profile.activity).map(([name, mix]) => [name, this.rateOf(mix)]),
    );
  }

  /** The integral of `rate` since the instance started: what Oracle's cumulative views show. */
  counter(rate: Rate, t: number): number {
    return integral(rate, INSTANCE_STARTUP_S, t);
  }

  /** DB time of one kind of work, per second: what a statement of that work takes a share of. */
  dbTimeOf(driver: keyof Mix): Rate {
    const perClass = (mix: Mix | undefined) => mix?.[driver] ?? 0;
    let weight = perClass(this.profile.cpu) * CPU_QUEUE_FACTOR;
    for (const waitClass of WAIT_CLASSES) weight += perClass(this.profile.waits[waitClass]);
    return this.rateOf({ [driver]: weight });
  }

  sessions(instanceShare: number, t: number): SessionCounts {
    const slot = Math.floor(t / GAUGE_SLOT_S);
    const key = `${this.profile.name}:${instanceShare}`;
    const activeAverage = rateAt(this.dbTime, t) * instanceShare;
    const connected =
      this.profile.userSessions * instanceShare * (0.75 + 0.25 * rateAt(this.oltp, t));
    const activeUser = Math.max(1, Math.round(activeAverage * (0.8 + 0.4 * jitter(key, slot))));
    return {
      activeUser,
      inactiveUser: Math.max(0, Math.round(connected - activeUser + 6 * jitter(key, slot + 1))),
      activeBackground:
        this.profile.backgroundSessionsPerInstance + Math.round(2 * jitter(key, slot + 2)),
    };
  }

  /** Bytes used in a tablespace: what the batch and OLTP added since the weekly purge, plus what an incident holds. */
  tablespaceUsedBytes(index: number, t: number): number {
    const tablespace = this.profile.tablespaces[index];
    const weekStart = periodStart(t, WEEK, MONDAY);
    const batchRuns =
      this.batch === undefined || this.profile.batch === undefined
        ? 0
        : (this.batch.cumulative(t) - this.batch.cumulative(weekStart)) /
          (this.profile.batch.durationS - this.profile.batch.rampS);
    const oltpDays = integral(this.oltp, weekStart, t) / DAY;
    const used =
      tablespace.baseBytes +
      (tablespace.perBatchBytes ?? 0) * batchRuns +
      (tablespace.perOltpDayBytes ?? 0) * oltpDays +
      (tablespace.batchBytes ?? 0) * (this.batch?.value(t) ?? 0) +
      (tablespace.stormBytes ?? 0) * (this.storm?.value(t) ?? 0);
    return Math.round(Math.min(used, tablespace.maxBytes * 0.99));
  }

  private rateOf(mix: Mix): Rate {
    const rate: { weight: number; shape: Shape }[] = [];
    if (mix.base) rate.push({ weight: mix.base, shape: constant });
    if (mix.oltp)
      for (const term of this.oltp)
        rate.push({ weight: term.weight * mix.oltp, shape: term.shape });
    if (mix.batch && this.batch) rate.push({ weight: mix.batch, shape: this.batch });
    if (mix.storm && this.storm) rate.push({ weight: mix.storm, shape: this.storm });
    return rate;
  }
}

function incident(schedule: IncidentSchedule | undefined): Shape | undefined {
  return schedule && pulse(schedule.periodS, schedule.startS, schedule.durationS, schedule.rampS);
}
