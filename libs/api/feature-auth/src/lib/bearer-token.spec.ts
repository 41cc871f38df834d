import { assertSingleHeaderLine, canonicalAccessToken, extractAccessToken } from './bearer-token';
import { AuthErrors } from './errors';

const bearerOnly = { dpop: false };
const withDpop = { dpop: true };

describe('extractAccessToken', () => {
  it.each([
    'Bearer abc.def.ghi',
    'bearer abc.def.ghi',
    'BEARER   abc.def.ghi',
    'Bearer abc.def.ghi ',
  ])('accepts %p', (header) => {
    expect(extractAccessToken(header, {}, bearerOnly)).toEqual({
      scheme: 'bearer',
      token: 'abc.def.ghi',
    });
  });

  it.each(['DPoP abc.def.ghi', 'dpop abc.def.ghi', 'DPOP  abc.def.ghi'])(
    'accepts %p as the DPoP scheme when DPoP is on',
    (header) => {
      expect(extractAccessToken(header, {}, withDpop)).toEqual({
        scheme: 'dpop',
        token: 'abc.def.ghi',
      });
    },
  );

  it.each([undefined, '', '   ', 'Basic dXNlcjpwYXNz', 'Token abc'])(
    '%p → missing_token',
    (header) => {
      expect(() => extractAccessToken(header, {}, withDpop)).toThrow(
        expect.objectContaining({ code: 'MISSING_TOKEN', statusCode: 401 }),
      );
    },
  );

  it('the DPoP scheme is another scheme (no token) when DPoP is off', () => {
    expect(() => extractAccessToken('DPoP abc', {}, bearerOnly)).toThrow(
      expect.objectContaining({ code: 'MISSING_TOKEN' }),
    );
  });

  it.each(['Bearer', 'Bearer ', 'Bearer a b', 'Bearer a\tb', 'Bearer\tabc', 'DPoP', 'DPoP a b'])(
    '%p → invalid_request',
    (header) => {
      expect(() => extractAccessToken(header, {}, withDpop)).toThrow(
        expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }),
      );
    },
  );

  it.each(['"abc"', 'a=b', 'tok,en', 'a;b'])(
    'token %p outside b64token → invalid_request',
    (token) => {
      expect(() => extractAccessToken(`Bearer ${token}`, {}, bearerOnly)).toThrow(
        expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }),
      );
    },
  );

  it('refuses a token in the query, whatever the header says', () => {
    expect(() => extractAccessToken('Bearer abc', { access_token: 'abc' }, bearerOnly)).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});

describe('canonicalAccessToken (cache lookups only)', () => {
  it('yields the unchecked rest of a `Bearer ` (or `DPoP `) header', () => {
    expect(canonicalAccessToken('Bearer abc.def.ghi', {}, bearerOnly)).toEqual({
      scheme: 'bearer',
      token: 'abc.def.ghi',
    });
    expect(canonicalAccessToken('Bearer a b', {}, bearerOnly)?.token).toBe('a b');
    expect(canonicalAccessToken('DPoP abc', {}, withDpop)).toEqual({
      scheme: 'dpop',
      token: 'abc',
    });
  });

  it.each([undefined, '', 'bearer abc', 'Bearer', 'Basic abc', ' Bearer abc', 'dpop abc'])(
    'yields nothing for %p: the strict parser decides',
    (header) => {
      expect(canonicalAccessToken(header, {}, withDpop)).toBeUndefined();
    },
  );

  it('yields nothing for DPoP when DPoP is off, or when the URL carries an access_token', () => {
    expect(canonicalAccessToken('DPoP abc', {}, bearerOnly)).toBeUndefined();
    expect(canonicalAccessToken('Bearer abc', { access_token: '' }, withDpop)).toBeUndefined();
  });
});

describe('assertSingleHeaderLine', () => {
  const refusal = (message: string) => new AuthErrors.InvalidRequest(message);

  it('accepts no line or one line, in any case', () => {
    expect(() => assertSingleHeaderLine(['Host', 'x'], 'authorization', refusal)).not.toThrow();
    expect(() =>
      assertSingleHeaderLine(['host', 'x', 'AUTHORIZATION', 'Bearer a'], 'authorization', refusal),
    ).not.toThrow();
  });

  it('refuses a second line, whatever its value or case', () => {
    expect(() =>
      assertSingleHeaderLine(
        ['Authorization', 'Bearer a', 'authorization', 'Basic b'],
        'authorization',
        refusal,
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }));
    expect(() => assertSingleHeaderLine(['DPoP', 'a', 'dpop', 'b'], 'dpop', refusal)).toThrow(
      'more than one dpop header',
    );
  });
});
