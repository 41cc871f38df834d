import type { Page } from '@playwright/test';

/** Test-only observation: every key pair the page makes, kept where `page.evaluate` can reach it. */
const KEYS_MADE = '__e2eKeyPairsMade';

/** Records every key pair the page generates from now on (before any of its scripts run). */
export async function observeKeyPairs(page: Page): Promise<void> {
  await page.addInitScript((global) => {
    const made: CryptoKeyPair[] = [];
    (window as unknown as Record<string, unknown>)[global] = made;
    const generateKey = crypto.subtle.generateKey.bind(crypto.subtle);
    crypto.subtle.generateKey = (async (...args: Parameters<typeof generateKey>) => {
      const result = await generateKey(...args);
      if ('privateKey' in result) made.push(result);
      return result;
    }) as typeof crypto.subtle.generateKey;
  }, KEYS_MADE);
}

/** What the page can do with the key pairs it made, asked from inside it. */
export function inspectKeyPairs(page: Page) {
  return page.evaluate(async (global) => {
    const made = (window as unknown as Record<string, CryptoKeyPair[]>)[global] ?? [];
    return Promise.all(
      made.map(async ({ privateKey, publicKey }) => ({
        algorithm: privateKey.algorithm as EcKeyAlgorithm,
        extractable: privateKey.extractable,
        exportPrivate: await crypto.subtle.exportKey('jwk', privateKey).then(
          () => 'exported',
          (error: Error) => error.name,
        ),
        publicJwk: await crypto.subtle.exportKey('jwk', publicKey),
      })),
    );
  }, KEYS_MADE);
}

/**
 * A DPoP proof (RFC 9449 §4.2) signed inside the page with the last ES256 key pair it made: the
 * key its tokens are bound to, which never leaves the page (it is not extractable).
 */
export function proofFromPageKey(page: Page, htm: string, htu: string): Promise<string> {
  return page.evaluate(
    async ({ global, htm, htu }) => {
      const made = (window as unknown as Record<string, CryptoKeyPair[]>)[global] ?? [];
      const pair = made.at(-1);
      if (!pair) throw new Error('the page made no key pair');
      const base64url = (bytes: Uint8Array) =>
        btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const segment = (value: unknown) =>
        base64url(new TextEncoder().encode(JSON.stringify(value)));
      const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const signingInput = `${segment({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } })}.${segment(
        { htm, htu, iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID() },
      )}`;
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        new TextEncoder().encode(signingInput),
      );
      return `${signingInput}.${base64url(new Uint8Array(signature))}`;
    },
    { global: KEYS_MADE, htm, htu },
  );
}
