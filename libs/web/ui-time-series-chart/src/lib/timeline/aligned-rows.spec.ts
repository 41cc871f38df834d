import { alignedRows } from './aligned-rows';

const series = (label: string, points: [number, number][]) => ({
  label,
  points,
  color: '#000',
  kind: 'area' as const,
});

describe('alignedRows', () => {
  it('puts every series on one timeline, null where one has no point', () => {
    expect(
      alignedRows(
        [
          series('a', [
            [0, 1],
            [15, 2],
            [30, 3],
          ]),
          series('b', [
            [15, 5],
            [30, 6],
          ]),
        ],
        15,
      ),
    ).toEqual([
      { time: 0, values: [1, null] },
      { time: 15, values: [2, 5] },
      { time: 30, values: [3, 6] },
    ]);
  });

  it('breaks the timeline where no series has a point for more than a step', () => {
    expect(
      alignedRows(
        [
          series('a', [
            [0, 1],
            [15, 2],
            [75, 3],
            [90, 4],
          ]),
        ],
        15,
      ).map((row) => [row.time, row.values[0]]),
    ).toEqual([
      [0, 1],
      [15, 2],
      [30, null],
      [75, 3],
      [90, 4],
    ]);
  });

  it('keeps points that are a little late, and has no rows without series', () => {
    expect(
      alignedRows(
        [
          series('a', [
            [0, 1],
            [20, 2],
          ]),
        ],
        15,
      ),
    ).toHaveLength(2);
    expect(alignedRows([], 15)).toEqual([]);
  });
});
