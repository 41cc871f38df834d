/** Environment variables through which global setup tells the tests where everything runs. */
export const E2E_ENV = {
  webOrigin: 'E2E_WEB_ORIGIN',
  apiOrigin: 'E2E_API_ORIGIN',
  issuer: 'E2E_ISSUER',
} as const;

export function e2eUrls(): { webOrigin: string; apiOrigin: string; issuer: string } {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite through its global setup`);
    return value;
  };
  return {
    webOrigin: read(E2E_ENV.webOrigin),
    apiOrigin: read(E2E_ENV.apiOrigin),
    issuer: read(E2E_ENV.issuer),
  };
}
