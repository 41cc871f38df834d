import {
  MAX_NUMERIC_DATE_S,
  registeredClaimTypeError,
  tokenTypeError,
} from './access-token-claims';

const usable = {
  iss: 'https://sso.example.com',
  aud: 'oracle-ai-api',
  sub: 'u1',
  exp: 2_000_000_000,
  nbf: 1_000_000_000,
  iat: 1_000_000_000,
};

describe('registeredClaimTypeError', () => {
  it('accepts usable claims, audience arrays and absent optional claims', () => {
    expect(registeredClaimTypeError(usable)).toBeUndefined();
    expect(registeredClaimTypeError({ ...usable, aud: ['a', 'oracle-ai-api'] })).toBeUndefined();
    expect(registeredClaimTypeError({ exp: 1.5 })).toBeUndefined();
    expect(registeredClaimTypeError({ exp: MAX_NUMERIC_DATE_S })).toBeUndefined();
    expect(registeredClaimTypeError({})).toBeUndefined();
  });

  it.each([
    ['iss', 42],
    ['iss', ['https://sso.example.com']],
    ['aud', [null, 'oracle-ai-api']],
    ['aud', [{}, 'oracle-ai-api']],
    ['aud', ['oracle-ai-api', ['oracle-ai-api']]],
    ['aud', 42],
    ['sub', 42],
    ['sub', ''],
    ['exp', 1e20],
    ['exp', Infinity],
    ['exp', -Infinity],
    ['exp', NaN],
    ['exp', MAX_NUMERIC_DATE_S + 1],
    ['exp', -1],
    ['exp', '2000000000'],
    ['nbf', Infinity],
    ['iat', -Infinity],
    ['iat', {}],
  ])('%s of %p → invalid_token naming the claim', (claim, value) => {
    expect(registeredClaimTypeError({ ...usable, [claim]: value })).toMatchObject({
      code: 'INVALID_TOKEN',
      statusCode: 401,
      message: `The access token has an invalid "${claim}" claim`,
    });
  });

  it('every accepted NumericDate renders as a Date (the /me expiresAt)', () => {
    expect(new Date(MAX_NUMERIC_DATE_S * 1000).toISOString()).toBe('+275760-09-13T00:00:00.000Z');
  });
});

describe('tokenTypeError', () => {
  it.each([[{}], [{ typ: 'Bearer' }]])('accepts an access token %p', (claims) => {
    expect(tokenTypeError(claims)).toBeUndefined();
  });

  it.each([
    [{ typ: 'ID' }],
    [{ typ: 'Refresh' }],
    [{ typ: 'Offline' }],
    [{ typ: 'Logout' }],
    [{ typ: 'bearer' }],
    [{ typ: null }],
    [{ at_hash: 'x' }],
    [{ c_hash: 'x' }],
    [{ s_hash: 'x' }],
  ])('refuses %p as invalid_token_type', (claims) => {
    expect(tokenTypeError(claims)).toMatchObject({ code: 'INVALID_TOKEN_TYPE', statusCode: 401 });
  });
});
