import type { Response } from '@playwright/test';
import { decodeJwt } from 'jose';
import { expect, signIn, test } from './support/fixtures';
import { startStack, type RunningStack } from './support/stack';

interface Exchange {
  server: 'idp' | 'api';
  status: number;
  /** The `nonce` of the request's proof. */
  sentNonce: unknown;
  /** The `DPoP-Nonce` of the answer. */
  givenNonce: string | undefined;
}

/**
 * An IdP and an API that both demand DPoP nonces (RFC 9449 §8): this spec runs its own stack,
 * `DEV_IDP_DPOP_NONCE=on` and `AUTH_DPOP_NONCE=on`, with the SPA served for it.
 */
test.describe('DPoP nonces', () => {
  let stack: RunningStack;

  test.beforeAll(async () => {
    stack = await startStack({ dpop: true, nonces: true });
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test('each demand is answered once with that server’s nonce, and the user signs in', async ({
    page,
  }) => {
    const { urls } = stack;
    const exchanges: Exchange[] = [];
    const record = async (response: Response) => {
      const url = response.url();
      const server =
        url === `${urls.issuer}/token`
          ? 'idp'
          : url.startsWith(`${urls.apiOrigin}/api/`)
            ? 'api'
            : null;
      const proof = (await response.request().allHeaders())['dpop'];
      if (!server || !proof) return;
      exchanges.push({
        server,
        status: response.status(),
        sentNonce: decodeJwt(proof)['nonce'],
        givenNonce: (await response.allHeaders())['dpop-nonce'],
      });
    };
    page.on('response', (response) => void record(response));

    await page.goto(`${urls.webOrigin}/`);
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    await expect
      .poll(() => exchanges.filter(({ status }) => status === 200).length)
      .toBeGreaterThanOrEqual(2);

    for (const server of ['idp', 'api'] as const) {
      const [demanded, retried] = exchanges.filter((exchange) => exchange.server === server);
      // The first proof has no nonce to carry: the server demands one and names it.
      expect(demanded).toMatchObject({
        status: server === 'idp' ? 400 : 401,
        sentNonce: undefined,
      });
      expect(demanded.givenNonce).toEqual(expect.any(String));
      // One retry, with exactly that nonce, and it passes.
      expect(retried).toMatchObject({ status: 200, sentNonce: demanded.givenNonce });
    }
    expect(exchanges.filter(({ status }) => status !== 200)).toHaveLength(2);

    // A nonce one server gave out never went to the other.
    const given = (server: string) =>
      new Set(exchanges.filter((e) => e.server === server).map((e) => e.givenNonce));
    for (const { server, sentNonce } of exchanges) {
      if (sentNonce === undefined) continue;
      expect(given(server)).toContain(sentNonce);
      expect(given(server === 'idp' ? 'api' : 'idp')).not.toContain(sentNonce);
    }
  });
});
