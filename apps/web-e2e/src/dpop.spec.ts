import { createHash } from 'node:crypto';
import { createDpopKey, dpopProof } from '@oracle-ai/api/testing-issuer';
import type { Page, Request } from '@playwright/test';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { expect, mainNav, signIn, test } from './support/fixtures';
import { inspectKeyPairs, observeKeyPairs } from './support/page-key-pairs';
import { recordResponses } from './support/response-bodies';

interface TokenResponseBody {
  access_token: string;
  refresh_token?: string;
  token_type: string;
}

/** The access token's key binding, `cnf.jkt`. */
function jktOf(accessToken: string): unknown {
  return (decodeJwt(accessToken)['cnf'] as { jkt?: unknown } | undefined)?.jkt;
}

/** Signs alice in; every token response from then on lands in `tokenResponses`. */
async function signInAsAlice(page: Page, issuer: string) {
  const tokenResponses = await recordResponses(page, `${issuer}/token`);
  await page.goto('/');
  await signIn(page, 'alice');
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  const [exchange] = tokenResponses;
  return {
    request: exchange.request,
    tokens: JSON.parse(exchange.body) as TokenResponseBody,
    tokenResponses,
  };
}

test.describe('DPoP: tokens bound to a key of the page', () => {
  // The background refresh, with its proof, is in session.spec.ts, which runs on this stack too.
  test('sign-in and API calls use a DPoP-bound token, a fresh proof each', async ({
    page,
    urls,
  }) => {
    const apiGets: Request[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${urls.apiOrigin}/api/`) && request.method() === 'GET') {
        apiGets.push(request);
      }
    });
    const me = await recordResponses(page, `${urls.apiOrigin}/api/me`, 'GET');

    const { request: exchange, tokens } = await signInAsAlice(page, urls.issuer);
    expect(tokens.token_type).toBe('DPoP');
    const tokenProof = exchange.headers()['dpop'] ?? '';
    expect(decodeJwt(tokenProof)).toMatchObject({ htm: 'POST', htu: `${urls.issuer}/token` });
    expect(decodeJwt(tokenProof)).not.toHaveProperty('ath');
    const jkt = jktOf(tokens.access_token);
    expect(jkt).toEqual(await calculateJwkThumbprint(decodeProtectedHeader(tokenProof).jwk as JWK));
    expect(JSON.parse(me[0].body)).toMatchObject({ username: 'alice', dpopBound: true });

    await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    expect(apiGets.length).toBeGreaterThanOrEqual(2);
    const ids = new Set<unknown>();
    for (const request of apiGets) {
      const proof = request.headers()['dpop'] ?? '';
      expect(request.headers()['authorization']).toBe(`DPoP ${tokens.access_token}`);
      expect(decodeProtectedHeader(proof)).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
      expect(decodeProtectedHeader(proof).jwk).not.toHaveProperty('d');
      const claims = decodeJwt(proof);
      expect(claims).toMatchObject({
        htm: 'GET',
        htu: request.url().split(/[?#]/)[0],
        ath: createHash('sha256').update(tokens.access_token).digest('base64url'),
        iat: expect.any(Number),
      });
      ids.add(claims['jti']);
    }
    expect(ids.size).toBe(apiGets.length);
  });

  test('the private key cannot be exported and is in no storage; a reload makes a new one', async ({
    page,
    urls,
  }) => {
    await observeKeyPairs(page);
    const { tokens, tokenResponses } = await signInAsAlice(page, urls.issuer);

    const [key] = await inspectKeyPairs(page);
    expect(await inspectKeyPairs(page)).toHaveLength(1);
    expect(key.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(key.extractable).toBe(false);
    expect(key.exportPrivate).toBe('InvalidAccessError');
    // The key the page made is the one the IdP bound the token to.
    expect(await calculateJwkThumbprint(key.publicJwk as JWK)).toBe(jktOf(tokens.access_token));
    expect(await page.evaluate(() => indexedDB.databases())).toEqual([]);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    expect(tokenResponses).toHaveLength(2);
    const reloaded = JSON.parse(tokenResponses[1].body) as TokenResponseBody;
    const [newKey] = await inspectKeyPairs(page);
    expect(newKey.extractable).toBe(false);
    expect(jktOf(reloaded.access_token)).toBe(
      await calculateJwkThumbprint(newKey.publicJwk as JWK),
    );
    expect(jktOf(reloaded.access_token)).not.toBe(jktOf(tokens.access_token));
  });

  test('stolen tokens and a captured request are useless outside the browser', async ({
    page,
    request,
    urls,
  }) => {
    const captured = page.waitForRequest(`${urls.apiOrigin}/api/me`);
    const { tokens } = await signInAsAlice(page, urls.issuer);
    const meRequest = await captured;
    await expect.poll(async () => (await meRequest.response())?.status()).toBe(200);
    const meUrl = `${urls.apiOrigin}/api/me`;

    const asBearer = await request.get(meUrl, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(asBearer.status()).toBe(401);
    expect(await asBearer.json()).toMatchObject({ code: 'invalid_token' });
    expect(asBearer.headers()['www-authenticate']).toMatch(/^DPoP /);

    const attackerKey = await createDpopKey();
    const withOtherKey = await request.get(meUrl, {
      headers: {
        authorization: `DPoP ${tokens.access_token}`,
        dpop: await dpopProof(attackerKey, {
          htm: 'GET',
          htu: meUrl,
          accessToken: tokens.access_token,
        }),
      },
    });
    expect(withOtherKey.status()).toBe(401);
    expect(await withOtherKey.json()).toMatchObject({ code: 'invalid_dpop_proof' });

    // The browser's own request, replayed as it was sent: its proof was used already.
    const replayed = await request.get(meUrl, {
      headers: {
        authorization: meRequest.headers()['authorization'] ?? '',
        dpop: meRequest.headers()['dpop'] ?? '',
      },
    });
    expect(replayed.status()).toBe(401);
    expect(await replayed.json()).toMatchObject({
      code: 'invalid_dpop_proof',
      message: expect.stringMatching(/used before/),
    });

    const stolenRefresh = await request.post(`${urls.issuer}/token`, {
      form: {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: tokens.refresh_token ?? '',
      },
      headers: {
        dpop: await dpopProof(attackerKey, { htm: 'POST', htu: `${urls.issuer}/token` }),
      },
    });
    expect(stolenRefresh.status()).toBe(400);
    expect(await stolenRefresh.json()).toMatchObject({ error: 'invalid_grant' });

    // None of that disturbed the user's session.
    await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  });
});
