import { sessionStorageOf } from './session-storage-of';

describe('sessionStorageOf', () => {
  it("returns the window's sessionStorage", () => {
    expect(sessionStorageOf(document)).toBe(sessionStorage);
  });

  it('returns null where reading sessionStorage throws', () => {
    const view = {
      get sessionStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(sessionStorageOf({ defaultView: view } as unknown as Document)).toBeNull();
  });

  it('returns null without a window', () => {
    expect(sessionStorageOf({ defaultView: null } as Document)).toBeNull();
  });
});
