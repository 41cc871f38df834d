import { fromLocalInputValue, toLocalInputValue } from './local-time';

describe('local date and time fields', () => {
  it('round-trips a whole minute through the field’s text', () => {
    const t = Date.UTC(2026, 11, 6, 10, 27) / 1000;
    const text = toLocalInputValue(t);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInputValue(text)).toBe(t);
  });

  it('refuses what is not a date and time, or a date that does not exist', () => {
    for (const text of ['', '2026-12-06', '2026-02-31T10:00', 'tomorrow'])
      expect(fromLocalInputValue(text)).toBeNaN();
    expect(toLocalInputValue(undefined)).toBe('');
  });
});
