import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '@oracle-ai/shared/util-loopback-server';
import type { DevIdpConfig } from './config';
import { denyFraming } from './frame-protection';
import { handleInteraction, INTERACTION_PATH } from './interactions';
import { createMemoryAdapterFactory } from './memory-adapter';
import { createProvider } from './provider';
import { SigningKeyRing } from './signing-keys';
import { handleRotateKeys, ROTATE_KEYS_PATH } from './test-endpoints';

export interface DevIdpServer {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

/** Builds the dev IdP and listens on 127.0.0.1 (never on other interfaces). */
export async function startDevIdpServer(config: DevIdpConfig): Promise<DevIdpServer> {
  const keyRing = await SigningKeyRing.create();
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const dpopNonceSecret = randomBytes(32);
  const adapter = createMemoryAdapterFactory();
  const buildProvider = () =>
    createProvider({ config, jwks: keyRing.privateJwks, cookieKeys, adapter, dpopNonceSecret });
  // Replaced on key rotation, as oidc-provider reads its keys once. Cookie keys, the DPoP nonce
  // secret and storage are shared by every instance, so sessions, tokens and nonces survive the swap.
  let provider = buildProvider();
  let providerCallback = provider.callback();

  const rotateKeys = async (dropPrevious: boolean) => {
    await keyRing.rotate({ dropPrevious });
    provider = buildProvider();
    providerCallback = provider.callback();
    return { kid: keyRing.currentKid, publishedKids: keyRing.publishedKids };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Every response, whichever handler below writes it.
    denyFraming(res);
    const path = new URL(req.url ?? '/', config.issuer).pathname;
    if (INTERACTION_PATH.test(path)) {
      await handleInteraction(provider, req, res);
    } else if (config.enableTestEndpoints && path === ROTATE_KEYS_PATH) {
      await handleRotateKeys(req, res, rotateKeys);
    } else {
      providerCallback(req, res);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('dev-idp: request failed', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end('dev IdP internal error');
    });
  });
  return {
    issuer: config.issuer,
    port: await listenOnLoopback(server, config.port),
    // Browsers keep idle connections open; closing ends them too.
    close: () => closeServer(server),
  };
}
