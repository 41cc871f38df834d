import { TestBed } from '@angular/core/testing';
import {
  FakeOAuthService,
  fakeOAuthProviders,
  TEST_CONFIG,
} from '../../testing/fake-oauth-service';
import { IdpDiscovery } from '../session/idp-discovery';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { DpopActivation } from './dpop-activation';

describe('DpopActivation', () => {
  function activationWith(dpop: boolean, algorithms?: unknown) {
    const storage = new HybridOAuthStorage(null);
    const oauth = new FakeOAuthService(storage);
    if (algorithms !== undefined) {
      oauth.discoveryDocument = {
        ...oauth.discoveryDocument,
        dpop_signing_alg_values_supported: algorithms as string[],
      };
    }
    TestBed.configureTestingModule({
      providers: fakeOAuthProviders(oauth, storage, { ...TEST_CONFIG, dpop }),
    });
    return { activation: TestBed.inject(DpopActivation), discovery: TestBed.inject(IdpDiscovery) };
  }

  it('is on with dpop in the config and ES256 advertised, once discovery is loaded', async () => {
    const { activation, discovery } = activationWith(true, ['ES256', 'EdDSA']);
    expect(activation.active()).toBe(false);
    await discovery.load();
    expect(activation.active()).toBe(true);
  });

  it.each([
    ['the config does not ask for it', false, ['ES256']],
    ['the IdP does not advertise DPoP', true, undefined],
    ['the IdP does not take ES256 proofs', true, ['EdDSA', 'PS256']],
    ['the IdP advertises something that is not a list', true, 'ES256'],
  ])('is off when %s', async (_case, dpop, algorithms) => {
    const { activation, discovery } = activationWith(dpop, algorithms);
    await discovery.load();
    expect(activation.active()).toBe(false);
  });
});
