import { spawn } from 'node:child_process';

/** The program that hands a URL to the user's default browser, per platform. */
export function browserCommand(url: URL, platform: NodeJS.Platform): [string, string[]] {
  switch (platform) {
    case 'darwin':
      return ['open', [url.href]];
    case 'win32':
      // Not `cmd /c start`: cmd would read the URL's `&` as a command separator.
      return ['rundll32', ['url.dll,FileProtocolHandler', url.href]];
    default:
      return ['xdg-open', [url.href]];
  }
}

export interface OpenBrowserOptions {
  platform?: NodeJS.Platform;
  /** Where the opener is looked up (`PATH`) and what it inherits; default this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens `url` in the default browser. Resolves once the opener has started (not when the
 * browser has the page: some openers wait for the browser to exit); rejects when there is no
 * opener (a server without a desktop), so the caller can say so. Only http(s) URLs are opened.
 */
export function openBrowser(
  url: URL,
  { platform = process.platform, env = process.env }: OpenBrowserOptions = {},
): Promise<void> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.reject(new Error(`refusing to open a ${url.protocol} URL`));
  }
  const [command, args] = browserCommand(url, platform);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
