import { queryOf, selectionFromQuery, spanOf, spanProblem } from './analytics-selection';

describe('the selection in the URL', () => {
  it('reads a database and a relative range, the last hour by default', () => {
    expect(selectionFromQuery({ db: 'finprod', range: '6h' })).toEqual({
      selection: { database: 'finprod', range: { kind: 'relative', key: '6h' } },
    });
    expect(selectionFromQuery({})).toEqual({
      selection: { database: undefined, range: { kind: 'relative', key: '1h' } },
    });
  });

  it('reads a custom range in RFC 3339, and gives it back the same', () => {
    const query = { db: 'dwh', from: '2026-12-06T00:30:00Z', to: '2026-12-06T04:00:00+01:00' };
    const { selection, problem } = selectionFromQuery(query);
    expect(problem).toBeUndefined();
    expect(selection.range).toEqual({
      kind: 'custom',
      from: Date.UTC(2026, 11, 6, 0, 30) / 1000,
      to: Date.UTC(2026, 11, 6, 3, 0) / 1000,
    });
    expect(queryOf(selection)).toEqual({
      db: 'dwh',
      range: null,
      from: '2026-12-06T00:30:00Z',
      to: '2026-12-06T03:00:00Z',
    });
  });

  it('says why a link’s range cannot be used, and shows the last hour instead', () => {
    for (const [query, why] of [
      [{ range: '2y' }, ''],
      [{ from: '2026-12-06T00:30:00Z' }, ' (it needs both from and to)'],
      [
        { from: '2026-12-06 00:30', to: '2026-12-06T01:00:00Z' },
        ' (times must be RFC 3339 with a zone)',
      ],
      [
        { from: '2026-12-06T02:00:00Z', to: '2026-12-06T01:00:00Z' },
        ' (the start must be before the end)',
      ],
      [
        { from: '2026-11-01T00:00:00Z', to: '2026-12-06T01:00:00Z' },
        ' (at most 7 days can be shown)',
      ],
      [{ range: '6h', from: '2026-12-06T00:30:00Z', to: '2026-12-06T01:00:00Z' }, ''],
    ] as const) {
      expect(selectionFromQuery(query)).toEqual({
        selection: { database: undefined, range: { kind: 'relative', key: '1h' } },
        problem: `The link’s time range cannot be used${why}: showing the last hour.`,
      });
    }
  });

  it('ignores a parameter given twice rather than guessing which one is meant', () => {
    expect(selectionFromQuery({ db: ['a', 'b'] }).selection.database).toBeUndefined();
  });

  it('a relative range ends at the last whole minute', () => {
    const now = Date.UTC(2026, 11, 6, 10, 27, 42);
    expect(spanOf({ kind: 'relative', key: '6h' }, now)).toEqual({
      from: Date.UTC(2026, 11, 6, 4, 27) / 1000,
      to: Date.UTC(2026, 11, 6, 10, 27) / 1000,
    });
    expect(spanOf({ kind: 'custom', from: 1, to: 2 }, now)).toEqual({ from: 1, to: 2 });
    expect(spanProblem({ from: 1, to: 2 })).toBeUndefined();
    expect(spanProblem({ from: NaN, to: 2 })).toBe('a time is missing');
  });
});
