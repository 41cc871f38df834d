import { shareUnchanged } from './structural-sharing';

describe('shareUnchanged', () => {
  it('returns the previous object when nothing changed, however deep', () => {
    const previous = { type: 'list', items: [{ text: 'a', tokens: [{ type: 'text' }] }] };
    const next = { type: 'list', items: [{ text: 'a', tokens: [{ type: 'text' }] }] };
    expect(shareUnchanged(previous, next)).toBe(previous);
  });

  it('keeps unchanged parts and replaces changed ones', () => {
    const previous = { items: [{ text: 'a' }, { text: 'b' }] };
    const next = { items: [{ text: 'a' }, { text: 'bc' }] };
    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared).not.toBe(previous);
    expect(shared.items[0]).toBe(previous.items[0]);
    expect(shared.items[1]).toBe(next.items[1]);
  });

  it('notices added, removed and newly undefined entries', () => {
    expect(shareUnchanged([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    const previous = { a: 1, b: 2 };
    expect(shareUnchanged(previous, { a: 1 })).toEqual({ a: 1 });
    expect(shareUnchanged({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    expect(shareUnchanged({ a: 1, c: undefined }, { a: 1, b: undefined })).not.toHaveProperty('c');
  });

  it('takes the next value when the kinds differ', () => {
    expect(shareUnchanged([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(shareUnchanged({ a: 1 }, [1])).toEqual([1]);
    expect(shareUnchanged(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(shareUnchanged('x', 'y')).toBe('y');
  });
});
