import {
  assertSingleAuthorizationLine,
  canonicalBearerToken,
  extractBearerToken,
} from './bearer-token';

describe('extractBearerToken', () => {
  it.each([
    'Bearer abc.def.ghi',
    'bearer abc.def.ghi',
    'BEARER   abc.def.ghi',
    'Bearer abc.def.ghi ',
  ])('accepts %p', (header) => {
    expect(extractBearerToken(header, {})).toBe('abc.def.ghi');
  });

  it.each([undefined, '', '   ', 'Basic dXNlcjpwYXNz', 'Token abc'])(
    '%p → missing_token',
    (header) => {
      expect(() => extractBearerToken(header, {})).toThrow(
        expect.objectContaining({ code: 'MISSING_TOKEN', statusCode: 401 }),
      );
    },
  );

  it.each(['Bearer', 'Bearer ', 'Bearer a b', 'Bearer a\tb', 'Bearer\tabc'])(
    '%p → invalid_request',
    (header) => {
      expect(() => extractBearerToken(header, {})).toThrow(
        expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }),
      );
    },
  );

  it.each(['"abc"', 'a=b', 'tok,en', 'a;b'])(
    'token %p outside b64token → invalid_request',
    (token) => {
      expect(() => extractBearerToken(`Bearer ${token}`, {})).toThrow(
        expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }),
      );
    },
  );

  it('refuses a token in the query, whatever the header says', () => {
    expect(() => extractBearerToken('Bearer abc', { access_token: 'abc' })).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});

describe('canonicalBearerToken (cache lookups only)', () => {
  it('yields the unchecked rest of a `Bearer ` header', () => {
    expect(canonicalBearerToken('Bearer abc.def.ghi', {})).toBe('abc.def.ghi');
    expect(canonicalBearerToken('Bearer a b', {})).toBe('a b');
  });

  it.each([undefined, '', 'bearer abc', 'Bearer', 'Basic abc', ' Bearer abc'])(
    'yields nothing for %p: the strict parser decides',
    (header) => {
      expect(canonicalBearerToken(header, {})).toBeUndefined();
    },
  );

  it('yields nothing when the URL carries an access_token', () => {
    expect(canonicalBearerToken('Bearer abc', { access_token: '' })).toBeUndefined();
  });
});

describe('assertSingleAuthorizationLine', () => {
  it('accepts no line or one line, in any case', () => {
    expect(() => assertSingleAuthorizationLine(['Host', 'x'])).not.toThrow();
    expect(() =>
      assertSingleAuthorizationLine(['host', 'x', 'AUTHORIZATION', 'Bearer a']),
    ).not.toThrow();
  });

  it('refuses a second line, whatever its scheme or case → invalid_request', () => {
    expect(() =>
      assertSingleAuthorizationLine(['Authorization', 'Bearer a', 'authorization', 'Basic b']),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }));
  });
});
