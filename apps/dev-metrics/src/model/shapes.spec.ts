import { constant, integral, jitter, periodStart, pulse, rateAt, wave, type Shape } from './shapes';

const DAY = 86_400;
const T0 = Date.UTC(2026, 10, 24) / 1000;

/** The integral by the midpoint rule: what `cumulative` must agree with. */
function numericIntegral(shape: Shape, from: number, to: number, steps = 20_000): number {
  const h = (to - from) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += shape.value(from + (i + 0.5) * h);
  return sum * h;
}

describe('shapes', () => {
  const shapes: [string, Shape][] = [
    ['constant', constant],
    ['daily wave', wave(DAY, 13 * 3600)],
    ['7-minute wave', wave(431, 17)],
    ['daily batch pulse', pulse(DAY, 3600, 5400, 600)],
    ['6-hourly storm pulse', pulse(6 * 3600, 15_600, 720, 120)],
  ];

  it.each(shapes)(
    '%s: cumulative is the integral of value, across period boundaries',
    (_, shape) => {
      for (const [from, to] of [
        [T0, T0 + 3600],
        [T0 + 3000, T0 + 2 * DAY + 17],
        [T0 - 5 * DAY, T0 + 12_345],
      ]) {
        const exact = shape.cumulative(to) - shape.cumulative(from);
        const numeric = numericIntegral(shape, from, to);
        expect(Math.abs(exact - numeric)).toBeLessThan(1e-4 * Math.max(1, Math.abs(exact)));
      }
    },
  );

  it.each(shapes)('%s: stays within 0 and 1', (_, shape) => {
    for (let t = T0; t < T0 + 2 * DAY; t += 97) {
      expect(shape.value(t)).toBeGreaterThanOrEqual(0);
      expect(shape.value(t)).toBeLessThanOrEqual(1);
    }
  });

  it('a wave peaks at its peak time and is 0 half a period later', () => {
    const daily = wave(DAY, 13 * 3600);
    expect(daily.value(T0 + 13 * 3600)).toBeCloseTo(1, 12);
    expect(daily.value(T0 + 1 * 3600)).toBeCloseTo(0, 12);
  });

  it('a pulse rises, holds at 1 and ends, every period', () => {
    const batch = pulse(DAY, 3600, 5400, 600);
    expect(batch.value(T0 + 3599)).toBe(0);
    expect(batch.value(T0 + 3600 + 300)).toBeCloseTo(0.5, 12);
    expect(batch.value(T0 + 3600 + 2000)).toBe(1);
    expect(batch.value(T0 + 3600 + 5400)).toBe(0);
    expect(batch.value(T0 + DAY + 3600 + 2000)).toBe(1);
    // One run: the plateau plus half of each ramp.
    expect(batch.cumulative(T0 + DAY) - batch.cumulative(T0)).toBeCloseTo(5400 - 600, 9);
  });

  it('refuses a pulse that cannot fit', () => {
    expect(() => pulse(3600, 0, 100, 60)).toThrow('pulse: bad durations');
    expect(() => pulse(3600, 0, 7200, 60)).toThrow('pulse: bad durations');
  });

  it('a rate is the weighted sum of its shapes, and its integral too', () => {
    const rate = [
      { weight: 2, shape: constant },
      { weight: 3, shape: wave(DAY, 0) },
    ];
    expect(rateAt(rate, T0)).toBeCloseTo(2 + 3, 12);
    expect(integral(rate, T0, T0 + DAY)).toBeCloseTo(2 * DAY + 3 * (DAY / 2), 6);
  });

  it('periodStart finds the start of the current period', () => {
    expect(periodStart(T0 + 3700, DAY, 3600)).toBe(T0 + 3600);
    expect(periodStart(T0 + 3500, DAY, 3600)).toBe(T0 - DAY + 3600);
  });

  it('jitter is reproducible, depends on key and slot, and stays in [0, 1)', () => {
    expect(jitter('finprod', 42)).toBe(jitter('finprod', 42));
    expect(jitter('finprod', 42)).not.toBe(jitter('finprod', 43));
    expect(jitter('finprod', 42)).not.toBe(jitter('dwh', 42));
    const values = Array.from({ length: 1000 }, (_, slot) => jitter('k', slot));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b) / values.length).toBeCloseTo(0.5, 1);
  });
});
