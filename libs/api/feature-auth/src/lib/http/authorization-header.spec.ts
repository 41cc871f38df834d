import { readCredentials, type CredentialSource } from './authorization-header';

const bearerOnly = { dpop: false };
const withDpop = { dpop: true };

/** A request as the parser sees it: headers as Node folds them, and the raw lines. */
function request(
  lines: Array<[string, string]>,
  query: Record<string, string> = {},
): CredentialSource {
  const headers: Record<string, string> = {};
  for (const [name, value] of lines) headers[name.toLowerCase()] ??= value;
  return { headers, raw: { rawHeaders: lines.flat() }, query };
}
const withAuthorization = (value: string, query?: Record<string, string>) =>
  request([['Authorization', value]], query);

describe('readCredentials', () => {
  it.each([
    'Bearer abc.def.ghi',
    'bearer abc.def.ghi',
    'BEARER   abc.def.ghi',
    'Bearer abc.def.ghi ',
  ])('accepts %p', (header) => {
    expect(readCredentials(withAuthorization(header), bearerOnly)).toEqual({
      scheme: 'bearer',
      token: 'abc.def.ghi',
      proof: undefined,
    });
  });

  it.each(['DPoP abc.def.ghi', 'dpop abc.def.ghi', 'DPOP  abc.def.ghi'])(
    'accepts %p as the DPoP scheme when DPoP is on, with its proof header',
    (header) => {
      const source = request([
        ['Authorization', header],
        ['DPoP', 'the.proof.jws'],
      ]);
      expect(readCredentials(source, withDpop)).toEqual({
        scheme: 'dpop',
        token: 'abc.def.ghi',
        proof: 'the.proof.jws',
      });
    },
  );

  it('a DPoP request without a proof header is read; the sender constraint refuses it', () => {
    expect(readCredentials(withAuthorization('DPoP abc'), withDpop)).toEqual({
      scheme: 'dpop',
      token: 'abc',
      proof: undefined,
    });
  });

  it.each(['', '   ', 'Basic dXNlcjpwYXNz', 'Token abc'])('%p → missing_token', (header) => {
    expect(() => readCredentials(withAuthorization(header), withDpop)).toThrow(
      expect.objectContaining({ code: 'MISSING_TOKEN', statusCode: 401 }),
    );
  });

  it('no Authorization header → missing_token', () => {
    expect(() => readCredentials(request([]), withDpop)).toThrow(
      expect.objectContaining({ code: 'MISSING_TOKEN' }),
    );
  });

  it('the DPoP scheme is another scheme (no token) when DPoP is off', () => {
    expect(() => readCredentials(withAuthorization('DPoP abc'), bearerOnly)).toThrow(
      expect.objectContaining({ code: 'MISSING_TOKEN' }),
    );
  });

  it.each(['Bearer', 'Bearer ', 'Bearer\tabc', 'DPoP', 'DPoP\tabc'])(
    '%p → invalid_request',
    (header) => {
      expect(() => readCredentials(withAuthorization(header), withDpop)).toThrow(
        expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }),
      );
    },
  );

  it.each([
    ['Bearer a b', 'a b'],
    ['Bearer  a,b ', 'a,b'],
    ['DPoP a;b', 'a;b'],
  ])('%p: what the token may contain is the verifier’s to check (%p)', (header, token) => {
    expect(readCredentials(withAuthorization(header), withDpop).token).toBe(token);
  });

  it('an oversized header → invalid_request before any parsing', () => {
    expect(() =>
      readCredentials(withAuthorization(`Bearer ${'a'.repeat(17_000)}`), bearerOnly),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('too large'),
      }),
    );
  });

  it('refuses a token in the query, whatever the header says', () => {
    expect(() =>
      readCredentials(withAuthorization('Bearer abc', { access_token: 'abc' }), bearerOnly),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(() => readCredentials(request([], { access_token: '' }), bearerOnly)).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });

  it('refuses a second Authorization line, whatever its value or case', () => {
    const source = request([
      ['Authorization', 'Bearer a'],
      ['authorization', 'Basic b'],
    ]);
    expect(() => readCredentials(source, bearerOnly)).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST', statusCode: 400 }),
    );
  });

  it('refuses a second DPoP line as a bad proof; a Bearer request ignores DPoP headers', () => {
    const lines: Array<[string, string]> = [
      ['DPoP', 'a.b.c'],
      ['dpop', 'd.e.f'],
    ];
    expect(() =>
      readCredentials(request([['Authorization', 'DPoP abc'], ...lines]), withDpop),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_DPOP_PROOF',
        message: expect.stringContaining('more than one dpop header'),
      }),
    );
    expect(
      readCredentials(request([['Authorization', 'Bearer abc'], ...lines]), withDpop),
    ).toMatchObject({
      scheme: 'bearer',
    });
  });
});
