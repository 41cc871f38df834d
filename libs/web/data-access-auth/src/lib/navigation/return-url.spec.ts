import { toSafeReturnUrl } from './return-url';

describe('toSafeReturnUrl', () => {
  it.each(['/', '/chat', '/analytics?range=7d', '/profile#groups', '/a/b/c?x=%2F%2Fevil.com'])(
    'accepts the in-app path %s',
    (url) => {
      expect(toSafeReturnUrl(url)).toBe(url);
    },
  );

  it.each([
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/chat'],
    ['backslash', '/\\evil.com'],
    ['backslash after slash', '/\\/evil.com'],
    ['tab trick', '/\t/evil.com'],
    ['newline trick', '/\n/evil.com'],
    ['absolute https', 'https://evil.com/chat'],
    ['absolute same-looking', 'http://localhost:4200/chat'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['relative without slash', 'chat'],
    ['empty', ''],
    ['callback loop', '/auth/callback?code=x'],
    ['too long', '/' + 'a'.repeat(3000)],
  ])('rejects %s', (_case, url) => {
    expect(toSafeReturnUrl(url)).toBeNull();
  });

  it.each([undefined, null, 42, {}])('rejects the non-string %p', (value) => {
    expect(toSafeReturnUrl(value)).toBeNull();
  });
});
