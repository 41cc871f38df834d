import { getTokens, type TokenResponse } from '@oracle-ai/shared/data-access-dev-idp-client';
import { calculateThumbprint, generateKeyPair, type KeyPair } from 'dpop';
import { decodeJwt } from 'jose';
import type { DevIdpServer } from './server';
import {
  authorizeSpa,
  createPkce,
  loginToSpa,
  postToken,
  redeemSpaCode,
  SPA_ORIGIN,
  startTestIdp,
  tokenRequestProof,
} from './testing/dev-idp-harness';
import { fakeDateOnly } from './testing/fake-date';

jest.setTimeout(15_000);

/** RFC 9449 as the dev IdP applies it to the SPA client (`DEV_IDP_DPOP=on`, the default). */
describe('dev IdP with DPoP on', () => {
  let idp: DevIdpServer;
  let key: KeyPair;
  let otherKey: KeyPair;

  beforeAll(async () => {
    idp = await startTestIdp({ dpop: true });
    [key, otherKey] = await Promise.all([generateKeyPair('ES256'), generateKeyPair('ES256')]);
  });

  afterAll(async () => {
    await idp.close();
  });

  const refresh = async (issuer: string, refreshToken: string | undefined, proofKey?: KeyPair) =>
    postToken(
      issuer,
      {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: refreshToken ?? '',
      },
      proofKey ? { dpop: await tokenRequestProof(issuer, proofKey) } : {},
    );

  it('advertises the proof algorithms in discovery, ES256 among them', async () => {
    const discovery = (await (
      await fetch(`${idp.issuer}/.well-known/openid-configuration`)
    ).json()) as { dpop_signing_alg_values_supported?: string[] };
    expect(discovery.dpop_signing_alg_values_supported).toContain('ES256');
  });

  describe('the code exchange', () => {
    it('binds the access token to the key of the proof (cnf.jkt), typed DPoP', async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'alice', { dpop: key });
      expect(tokens.token_type).toBe('DPoP');
      expect(decodeJwt(tokens.access_token)).toMatchObject({
        cnf: { jkt: await calculateThumbprint(key.publicKey) },
        aud: 'oracle-ai-api',
      });
    });

    it('refuses the SPA a code exchange without a proof: no bearer fallback', async () => {
      const { verifier, challenge } = createPkce();
      const { code } = await authorizeSpa(idp.issuer, 'alice', challenge);
      const response = await redeemSpaCode(idp.issuer, code, verifier);
      expect(response.status).toBe(400);
      // oidc-provider does not say why an invalid_grant is one.
      expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('redeems a code bound by dpop_jkt only with a proof by that key', async () => {
      const dpopJkt = await calculateThumbprint(key.publicKey);
      const { verifier, challenge } = createPkce();
      const { code } = await authorizeSpa(idp.issuer, 'bob', challenge, { dpop_jkt: dpopJkt });

      const withOtherKey = await redeemSpaCode(idp.issuer, code, verifier, {
        dpop: await tokenRequestProof(idp.issuer, otherKey),
      });
      expect(withOtherKey.status).toBe(400);
      expect(await withOtherKey.json()).toMatchObject({ error: 'invalid_grant' });

      const second = createPkce();
      const { code: nextCode } = await authorizeSpa(idp.issuer, 'bob', second.challenge, {
        dpop_jkt: dpopJkt,
      });
      const withKey = await redeemSpaCode(idp.issuer, nextCode, second.verifier, {
        dpop: await tokenRequestProof(idp.issuer, key),
      });
      expect(withKey.status).toBe(200);
      expect(decodeJwt(((await withKey.json()) as TokenResponse).access_token)).toMatchObject({
        cnf: { jkt: dpopJkt },
      });
    });

    it('refuses a proof used before', async () => {
      const proof = await tokenRequestProof(idp.issuer, key);
      const exchange = async () => {
        const { verifier, challenge } = createPkce();
        const { code } = await authorizeSpa(idp.issuer, 'alice', challenge);
        return redeemSpaCode(idp.issuer, code, verifier, { dpop: proof });
      };
      expect((await exchange()).status).toBe(200);
      const replayed = await exchange();
      expect(replayed.status).toBe(400);
      expect(await replayed.json()).toMatchObject({ error: 'invalid_grant' });
    });
  });

  describe('refresh tokens of the SPA', () => {
    it('are bound to the key: refused without a proof and with another key', async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'alice', { dpop: key });
      for (const response of [
        await refresh(idp.issuer, tokens.refresh_token),
        await refresh(idp.issuer, tokens.refresh_token, otherKey),
      ]) {
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
      }
      // Those refusals did not use the token up: the key holder still can.
      expect((await refresh(idp.issuer, tokens.refresh_token, key)).status).toBe(200);
    });

    it('rotate on every use, each access token bound again, and reuse revokes the grant', async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'bob', { dpop: key });
      const jkt = await calculateThumbprint(key.publicKey);

      const first = await refresh(idp.issuer, tokens.refresh_token, key);
      expect(first.status).toBe(200);
      const rotated = (await first.json()) as TokenResponse;
      // oidc-provider's default keeps a bound refresh token until 70 % of its life has passed.
      expect(rotated.refresh_token).toEqual(expect.any(String));
      expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
      expect(rotated.token_type).toBe('DPoP');
      expect(decodeJwt(rotated.access_token)).toMatchObject({ cnf: { jkt } });

      // Even with the right key, a used refresh token is reuse.
      const replay = await refresh(idp.issuer, tokens.refresh_token, key);
      expect(replay.status).toBe(400);
      expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

      const successor = await refresh(idp.issuer, rotated.refresh_token, key);
      expect(successor.status).toBe(400);
      expect(await successor.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('are revoked at logout without a proof, and then refused to the key holder too', async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'bob', { dpop: key });
      const revoked = await fetch(`${idp.issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SPA_ORIGIN },
        body: new URLSearchParams({
          token: tokens.refresh_token ?? '',
          token_type_hint: 'refresh_token',
          client_id: 'oracle-ai-web',
        }),
      });
      expect(revoked.status).toBe(200);
      expect(revoked.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);

      const afterwards = await refresh(idp.issuer, tokens.refresh_token, key);
      expect(afterwards.status).toBe(400);
      expect(await afterwards.json()).toMatchObject({ error: 'invalid_grant' });
    });

    describe('lifetime, counted from the first refresh token of the grant', () => {
      const MAX_LIFETIME_S = 60;
      let capped: DevIdpServer;

      beforeAll(async () => {
        capped = await startTestIdp({ dpop: true, refreshTokenMaxLifetimeS: MAX_LIFETIME_S });
      });

      afterAll(async () => {
        await capped.close();
      });

      afterEach(() => {
        jest.useRealTimers();
      });

      const advanceClock = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);

      it('is not extended by rotation for bound tokens either', async () => {
        const { tokens } = await loginToSpa(capped.issuer, 'alice', { dpop: key });
        fakeDateOnly();

        advanceClock(40);
        const first = await refresh(capped.issuer, tokens.refresh_token, key);
        expect(first.status).toBe(200);
        const rotatedOnce = (await first.json()) as TokenResponse;
        expect(rotatedOnce.refresh_token).not.toBe(tokens.refresh_token);

        advanceClock(15);
        const second = await refresh(capped.issuer, rotatedOnce.refresh_token, key);
        expect(second.status).toBe(200);
        const rotatedTwice = (await second.json()) as TokenResponse;

        advanceClock(10); // 65 s: past the cap; oidc-provider's default would give 14 days
        const third = await refresh(capped.issuer, rotatedTwice.refresh_token, key);
        expect(third.status).toBe(400);
        expect(await third.json()).toMatchObject({ error: 'invalid_grant' });
      });
    });
  });

  it('keeps issuing plain bearer tokens to the CLI client (npm run token)', async () => {
    const tokens = await getTokens({ issuer: idp.issuer, username: 'alice' });
    expect(tokens.token_type).toBe('Bearer');
    expect(decodeJwt(tokens.access_token)).not.toHaveProperty('cnf');
  });

  it('exposes no DPoP-Nonce while it asks for no nonce', async () => {
    const { verifier, challenge } = createPkce();
    const { code } = await authorizeSpa(idp.issuer, 'alice', challenge);
    const response = await redeemSpaCode(idp.issuer, code, verifier, {
      dpop: await tokenRequestProof(idp.issuer, key),
      origin: SPA_ORIGIN,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('dpop-nonce')).toBeNull();
  });

  describe('with nonces (DEV_IDP_DPOP_NONCE=on)', () => {
    let withNonces: DevIdpServer;

    beforeAll(async () => {
      withNonces = await startTestIdp({ dpop: true, dpopNonce: true });
    });

    afterAll(async () => {
      await withNonces.close();
    });

    it('answers a proof without a nonce with use_dpop_nonce and a DPoP-Nonce the SPA can read', async () => {
      const { verifier, challenge } = createPkce();
      const { code } = await authorizeSpa(withNonces.issuer, 'alice', challenge);
      const exchange = async (nonce?: string) =>
        redeemSpaCode(withNonces.issuer, code, verifier, {
          dpop: await tokenRequestProof(withNonces.issuer, key, nonce),
          origin: SPA_ORIGIN,
        });

      const demanded = await exchange();
      expect(demanded.status).toBe(400);
      expect(await demanded.json()).toMatchObject({ error: 'use_dpop_nonce' });
      const nonce = demanded.headers.get('dpop-nonce');
      expect(nonce).toEqual(expect.any(String));
      expect(demanded.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
      expect(demanded.headers.get('access-control-expose-headers')).toMatch(/\bDPoP-Nonce\b/i);

      const retried = await exchange(nonce ?? '');
      expect(retried.status).toBe(200);
      expect(((await retried.json()) as TokenResponse).token_type).toBe('DPoP');
    });
  });
});

describe('dev IdP with DPoP off (DEV_IDP_DPOP=off)', () => {
  let idp: DevIdpServer;

  beforeAll(async () => {
    idp = await startTestIdp({ dpop: false });
  });

  afterAll(async () => {
    await idp.close();
  });

  it('does not advertise DPoP', async () => {
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).not.toHaveProperty('dpop_signing_alg_values_supported');
  });

  it('ignores a proof and issues bearer tokens', async () => {
    const { tokens } = await loginToSpa(idp.issuer, 'alice', {
      dpop: await generateKeyPair('ES256'),
    });
    expect(tokens.token_type).toBe('Bearer');
    expect(decodeJwt(tokens.access_token)).not.toHaveProperty('cnf');
  });
});
