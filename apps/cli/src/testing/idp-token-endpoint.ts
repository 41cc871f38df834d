/**
 * Redeems `refreshToken` at the dev IdP directly, as a thief holding a copy would: the status
 * and OAuth error say whether the IdP still honours it.
 */
export async function redeemRefreshToken(
  issuer: string,
  refreshToken: string,
): Promise<{ status: number; error?: string }> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    token_endpoint: string;
  };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'oracle-ai-cli',
    }),
  });
  const body = (await response.json()) as { error?: string };
  return { status: response.status, error: body.error };
}
