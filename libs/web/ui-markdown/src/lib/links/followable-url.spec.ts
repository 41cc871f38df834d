import { followableUrl } from './followable-url';

describe('followableUrl', () => {
  it.each([
    ['https://docs.oracle.com/en/database/', 'https://docs.oracle.com/en/database/'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM/A?b=1#c', 'https://example.com/A?b=1#c'],
    [' https://example.com/x ', 'https://example.com/x'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
  ])('follows %s as %s', (href, url) => {
    expect(followableUrl(href)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.com/uuid',
    'ftp://example.com/x',
    'mailto:someone@example.com',
    '/api/me',
    '//evil.example/x',
    '#top',
    '?q=1',
    'example.com',
    '',
  ])('keeps %j as text', (href) => {
    expect(followableUrl(href)).toBeNull();
  });
});
