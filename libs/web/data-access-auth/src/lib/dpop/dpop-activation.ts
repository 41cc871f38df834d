import { computed, inject, Injectable } from '@angular/core';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { IdpDiscovery, IdpMetadata } from '../session/idp-discovery';

/** The one algorithm this app signs proofs with (`DpopKey`). */
const PROOF_ALGORITHM = 'ES256';

/**
 * Whether this page uses DPoP: `dpop` in `/config.json` **and** an IdP whose discovery lists ES256
 * in `dpop_signing_alg_values_supported`. Otherwise, or until discovery is loaded, no proof is
 * made and tokens are used as bearer tokens, exactly as without DPoP.
 */
@Injectable({ providedIn: 'root' })
export class DpopActivation {
  private readonly wanted = inject(RUNTIME_CONFIG).dpop;
  private readonly discovery = inject(IdpDiscovery);

  readonly active = computed(
    () => this.wanted && advertisesProofAlgorithm(this.discovery.metadata()),
  );
}

function advertisesProofAlgorithm(metadata: IdpMetadata | null): boolean {
  const algorithms = metadata?.['dpop_signing_alg_values_supported'];
  return Array.isArray(algorithms) && algorithms.includes(PROOF_ALGORITHM);
}
