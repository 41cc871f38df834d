import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  boolean,
  ConfigError,
  fileContent,
  fraction,
  httpsUrl,
  integer,
  isHostName,
  list,
  listenHost,
  onOff,
  oneOf,
  optional,
  quoted,
  required,
} from './env-values';

/** The refusal `read` throws, as the one line a server prints. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('env values', () => {
  it('quotes values so that a newline cannot forge a second log line, and cuts long ones', () => {
    expect(quoted('a\nFORGED b')).toBe('"a\\nFORGED b"');
    expect(quoted('x'.repeat(5000))).toMatch(/^"x{100}… \(5000 characters\)"$/);
  });

  it('names the variable first and never prints a raw newline', () => {
    const message = refusal(() => integer({ PORT: '80\nERROR forged' }, 'PORT', 1, 1, 65535));
    expect(message).toMatch(
      /^PORT must be a whole number from 1 to 65535 \(got "80\\nERROR forged"\)$/,
    );
    expect(message).not.toContain('\n');
  });

  it('reads optional and required values, trimmed', () => {
    expect(optional({ A: '  x ' }, 'A')).toBe('x');
    expect(optional({ A: ' ' }, 'A')).toBeUndefined();
    expect(optional({ A: ' ^ ' }, 'A', { trim: false })).toBe(' ^ ');
    expect(refusal(() => required({}, 'A'))).toBe('A is required');
  });

  it('reads lists without empties or duplicates', () => {
    expect(list({ L: 'a, b,,a' }, 'L', undefined)).toEqual(['a', 'b']);
    expect(list({}, 'L', 'x,y')).toEqual(['x', 'y']);
    expect(refusal(() => list({ L: ' , ' }, 'L', undefined))).toBe(
      'L must list at least one value',
    );
  });

  it.each(['1.5', '-1', '1e3', '70000'])('refuses the whole number %p out of range', (raw) => {
    expect(refusal(() => integer({ N: raw }, 'N', 1, 0, 65535))).toContain(
      'N must be a whole number',
    );
  });

  it('reads fractions, switches, booleans and choices', () => {
    expect(fraction({ F: '0.95' }, 'F', 0)).toBe(0.95);
    expect(refusal(() => fraction({ F: '1.5' }, 'F', 0))).toContain('decimal from 0 to 1');
    expect(onOff({ S: 'on' }, 'S', false)).toBe(true);
    expect(onOff({}, 'S', true)).toBe(true);
    expect(refusal(() => onOff({ S: 'yes' }, 'S', false))).toBe(
      'S must be one of on, off (got "yes")',
    );
    expect(boolean({ B: 'true' }, 'B', false)).toBe(true);
    expect(oneOf({ M: 'b' }, 'M', ['a', 'b'], 'a')).toBe('b');
  });

  it('accepts https anywhere and http on loopback only', () => {
    expect(httpsUrl({ U: 'https://sso.example.com/oidc' }, 'U')).toBe(
      'https://sso.example.com/oidc',
    );
    expect(httpsUrl({ U: 'http://localhost:4400' }, 'U')).toBe('http://localhost:4400');
    expect(httpsUrl({ U: 'http://127.0.0.1:1/v1' }, 'U')).toBe('http://127.0.0.1:1/v1');
    expect(httpsUrl({}, 'U', 'http://[::1]:9')).toBe('http://[::1]:9');
    expect(refusal(() => httpsUrl({ U: 'http://example.com' }, 'U'))).toContain('must use https');
    expect(refusal(() => httpsUrl({ U: 'https://u:p@example.com' }, 'U'))).toContain('credentials');
    expect(refusal(() => httpsUrl({ U: 'nope' }, 'U'))).toContain('absolute URL');
  });

  it('refuses a URL with a newline, tab or space the URL parser would silently drop', () => {
    for (const value of [
      'https://sso.example.com/oidc\nFORGED',
      'https://sso.exam\tple.com',
      'https://a b',
    ]) {
      expect(refusal(() => httpsUrl({ U: value }, 'U'))).toBe(
        `U must not contain spaces or control characters (got ${JSON.stringify(value)})`,
      );
    }
  });

  it('refuses a URL whose host is not a DNS name', () => {
    const host = `${'a'.repeat(64)}.example.com`;
    expect(refusal(() => httpsUrl({ U: `https://${host}` }, 'U'))).toContain('DNS name');
    expect(refusal(() => httpsUrl({ U: `https://${'a.'.repeat(2200)}x` }, 'U'))).toMatch(
      /^U must name its host by a DNS name or an IP address \(got ".{100}… \(\d+ characters\)"\)$/,
    );
  });

  it('tells host names and addresses from anything else', () => {
    for (const host of ['localhost', '0.0.0.0', '::', '[::1]', 'api.example.com', 'pod-1.svc']) {
      expect(isHostName(host)).toBe(true);
    }
    for (const host of ['', 'a b', 'exa$mple', '-x.com', 'x'.repeat(254), 'a..b']) {
      expect(isHostName(host)).toBe(false);
    }
    expect(refusal(() => listenHost({ H: 'not a host' }, 'H', '127.0.0.1'))).toBe(
      'H must be an IP address or a host name (got "not a host")',
    );
  });

  it('reads a file a variable names, trimmed, and refuses a missing or empty one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'util-env-'));
    writeFileSync(join(dir, 'key'), '  s3cret\n');
    writeFileSync(join(dir, 'empty'), '\n');
    expect(fileContent({ K: join(dir, 'key') }, 'K')).toBe('s3cret');
    expect(fileContent({}, 'K')).toBeUndefined();
    expect(refusal(() => fileContent({ K: join(dir, 'empty') }, 'K'))).toContain(
      'names an empty file',
    );
    const missing = refusal(() => fileContent({ K: join(dir, 'none') }, 'K'));
    expect(missing).toContain('names a file that cannot be read');
    expect(missing).toContain('ENOENT');
  });
});
