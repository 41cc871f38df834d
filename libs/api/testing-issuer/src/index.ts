export { createDpopKey, dpopProof, type DpopKey, type DpopProofOptions } from './lib/dpop-proofs';
export {
  createSigningKey,
  TestIssuer,
  type MintOptions,
  type RouteHandler,
  type TestIssuerOptions,
  type TestKeyAlg,
  type TestSigningKey,
} from './lib/test-issuer';
