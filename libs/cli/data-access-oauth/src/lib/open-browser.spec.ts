import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserCommand, openBrowser } from './open-browser';

const url = new URL('https://sso.example.com/authorize?client_id=a&state=b c');

describe('browserCommand', () => {
  it.each([
    ['linux', 'xdg-open', [url.href]],
    ['freebsd', 'xdg-open', [url.href]],
    ['darwin', 'open', [url.href]],
    ['win32', 'rundll32', ['url.dll,FileProtocolHandler', url.href]],
  ] as const)('on %s runs %s with the URL as one argument', (platform, command, args) => {
    expect(browserCommand(url, platform)).toEqual([command, args]);
  });
});

describe('openBrowser', () => {
  let bin: string;

  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'cli-open-'));
  });

  afterEach(() => {
    rmSync(bin, { recursive: true, force: true });
  });

  it('hands the URL to xdg-open, unquoted by any shell', async () => {
    const record = join(bin, 'args');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$*" > '${record}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    await openBrowser(url, { platform: 'linux', env: { PATH: bin } });
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      try {
        expect(readFileSync(record, 'utf8')).toBe(url.href);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    expect(readFileSync(record, 'utf8')).toBe(url.href);
  });

  it('rejects when there is no opener (a machine without a desktop)', async () => {
    await expect(openBrowser(url, { platform: 'linux', env: { PATH: bin } })).rejects.toMatchObject(
      { code: 'ENOENT' },
    );
  });

  it('never opens anything but http(s)', async () => {
    await expect(openBrowser(new URL('file:///etc/passwd'))).rejects.toThrow(
      'refusing to open a file: URL',
    );
  });
});
