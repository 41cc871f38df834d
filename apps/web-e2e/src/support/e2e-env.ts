/** The stacks global setup starts: the SPA without DPoP and the SPA with DPoP, each with its IdP and API. */
export type E2eStack = 'bearer' | 'dpop';

export interface E2eUrls {
  webOrigin: string;
  apiOrigin: string;
  issuer: string;
  /** The dev model server the API answers from, where its test API is (`/test/*`). */
  assistantOrigin: string;
  /** The Prometheus the API reads its figures from, on stacks started with `analytics`. */
  prometheusUrl?: string;
}

/** The environment variable through which global setup tells the tests where everything runs. */
export const E2E_STACKS_ENV = 'E2E_STACKS';

export function e2eUrls(stack: E2eStack): E2eUrls {
  const value = process.env[E2E_STACKS_ENV];
  if (!value)
    throw new Error(`${E2E_STACKS_ENV} is not set: run the suite through its global setup`);
  const urls = (JSON.parse(value) as Partial<Record<E2eStack, E2eUrls>>)[stack];
  if (!urls) throw new Error(`global setup started no "${stack}" stack`);
  return urls;
}
