/**
 * Building blocks of the workload: functions of the clock whose integral has a closed form, so a
 * counter (the integral of a rate since the instance started) can be computed for any instant,
 * past or present, without stepping through the time in between. Times are unix seconds.
 */
export interface Shape {
  /** The rate at `t`, from 0 to 1. */
  value(t: number): number;
  /** An antiderivative of `value`: `cumulative(b) - cumulative(a)` is the integral from a to b. */
  cumulative(t: number): number;
}

/** A rate: a sum of shapes, each scaled; every weight ≥ 0, so a counter never goes down. */
export type Rate = readonly { weight: number; shape: Shape }[];

export function rateAt(rate: Rate, t: number): number {
  let sum = 0;
  for (const term of rate) sum += term.weight * term.shape.value(t);
  return sum;
}

/** The integral of `rate` from `from` to `to`. */
export function integral(rate: Rate, from: number, to: number): number {
  let sum = 0;
  for (const term of rate)
    sum += term.weight * (term.shape.cumulative(to) - term.shape.cumulative(from));
  return sum;
}

export const constant: Shape = { value: () => 1, cumulative: (t) => t };

/**
 * A shape repeating every `periodS`, a period starting at `originS` (mod the period): `f` on one
 * period and `F`, its integral from the period's start (F(0) = 0).
 */
function periodic(
  periodS: number,
  originS: number,
  f: (x: number) => number,
  F: (x: number) => number,
): Shape {
  const perPeriod = F(periodS);
  const position = (t: number) => {
    const elapsed = t - originS;
    const periods = Math.floor(elapsed / periodS);
    return { periods, x: elapsed - periods * periodS };
  };
  return {
    value: (t) => f(position(t).x),
    cumulative: (t) => {
      const { periods, x } = position(t);
      return periods * perPeriod + F(x);
    },
  };
}

/** A smooth wave between 0 and 1 with period `periodS`, at its top at `peakAtS` (mod the period). */
export function wave(periodS: number, peakAtS: number): Shape {
  const k = (2 * Math.PI) / periodS;
  return periodic(
    periodS,
    peakAtS - periodS / 2,
    (x) => (1 - Math.cos(k * x)) / 2,
    (x) => x / 2 - Math.sin(k * x) / (2 * k),
  );
}

/**
 * Once every `periodS`, from `startS` (mod the period), for `durationS`: a rise over `rampS`
 * (a half sine), a plateau at 1, a fall over `rampS`; 0 the rest of the time.
 */
export function pulse(periodS: number, startS: number, durationS: number, rampS: number): Shape {
  if (durationS < 2 * rampS || durationS > periodS) throw new Error('pulse: bad durations');
  const k = Math.PI / rampS;
  // ∫0^x sin²(πu / 2r) du
  const rise = (x: number) => x / 2 - Math.sin(k * x) / (2 * k);
  const total = durationS - rampS;
  return periodic(
    periodS,
    startS,
    (x) => {
      if (x >= durationS) return 0;
      if (x < rampS) return Math.sin((k * x) / 2) ** 2;
      if (x > durationS - rampS) return Math.sin((k * (durationS - x)) / 2) ** 2;
      return 1;
    },
    (x) => {
      if (x >= durationS) return total;
      if (x < rampS) return rise(x);
      if (x <= durationS - rampS) return rampS / 2 + (x - rampS);
      return total - rise(durationS - x);
    },
  );
}

/** When the period of a periodic event containing `t` began: e.g. the last cursor reload. */
export function periodStart(t: number, periodS: number, originS: number): number {
  return originS + Math.floor((t - originS) / periodS) * periodS;
}

/** A number from 0 to 1 that depends only on `key` and `slot`: jitter reproducible at any time. */
export function jitter(key: string, slot: number): number {
  let h = 2166136261 ^ slot;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
