import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';

/**
 * A page on another local origin that frames `url`, next to a frame of its own as a control.
 * It must be a real loopback server: Chromium's Local Network Access checks block a page that
 * Playwright fulfils itself from framing localhost, which would make the test pass for nothing.
 */
async function serveFramingPage(url: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      req.url === '/control'
        ? '<!DOCTYPE html><title>control</title><p>Framed by its own origin</p>'
        : `<!DOCTYPE html><title>framing</title>
<iframe title="control" src="/control"></iframe>
<iframe title="idp" src="${url}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

test.describe('the IdP login page cannot be framed (clickjacking)', () => {
  test('another local origin that frames it gets a blocked frame, not the form', async ({
    page,
    urls,
    cspViolations,
  }) => {
    await page.goto('/chat');
    await expect(page.getByLabel('Password')).toBeVisible();
    const loginUrl = page.url();
    expect(loginUrl.startsWith(`${urls.issuer}/interaction/`)).toBe(true);

    // Same site as the IdP (localhost), another origin: the interaction cookie still travels,
    // so only the frame headers stand between the framing page and a working login form.
    const framing = await serveFramingPage(loginUrl);
    try {
      const framedResponse = page.waitForResponse(loginUrl);
      const refused = await cspViolations.during(() => page.goto(framing.origin), {
        reportedAs: 'console',
      });
      expect(refused).toEqual([
        expect.objectContaining({
          source: 'console',
          text: expect.stringContaining(`Framing '${urls.issuer}/' violates`),
        }),
      ]);
      expect(refused[0]?.text).toContain("frame-ancestors 'none'");
      await expect(
        page.frameLocator('iframe[title="control"]').getByText('Framed by its own origin'),
      ).toBeVisible();

      // The IdP answered with the login page, and the browser refused to show it in the frame.
      const response = await framedResponse;
      expect(response.status()).toBe(200);
      expect(await response.headerValue('content-security-policy')).toBe("frame-ancestors 'none'");
      expect(await response.headerValue('x-frame-options')).toBe('DENY');
      const idpFrame = page.frame({ url: loginUrl });
      expect(idpFrame).toBeNull();
      await expect(
        page.frameLocator('iframe[title="idp"]').getByRole('button', { name: 'Sign in' }),
      ).toHaveCount(0);
    } finally {
      framing.server.closeAllConnections();
      await new Promise((resolve) => framing.server.close(resolve));
    }
  });
});
