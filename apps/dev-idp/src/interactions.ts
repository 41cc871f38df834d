import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, Provider } from 'oidc-provider';
import { htmlPage } from './html-layout';
import { renderLoginPage } from './login-page';
import { authenticate } from './users';

const MAX_FORM_BYTES = 16 * 1024;

export const INTERACTION_PATH = /^\/interaction\/[\w-]+$/;

/**
 * The provider redirects here whenever it needs the user: a login form of our own (real password
 * check), and an automatic consent because every client here is first-party.
 */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(
      res,
      400,
      htmlPage(
        'Sign-in expired — Oracle AI dev IdP',
        '<h1>Sign-in expired</h1><p role="alert">This sign-in attempt is no longer valid. Go back to the application and sign in again.</p>',
      ),
    );
    return;
  }

  if (details.prompt.name === 'consent') {
    await grantConsent(provider, req, res, details);
  } else if (req.method === 'POST') {
    await submitLogin(provider, req, res, details);
  } else {
    sendHtml(res, 200, await loginPage(provider, details));
  }
}

async function submitLogin(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: InteractionDetails,
): Promise<void> {
  const form = await readForm(req);
  const username = form.get('username') ?? '';
  const user = authenticate(username, form.get('password') ?? '');
  if (!user) {
    const error = 'Unknown user or wrong password.';
    sendHtml(res, 401, await loginPage(provider, details, { username, error }));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  );
}

async function grantConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  { grantId, params, prompt: { details }, session }: InteractionDetails,
): Promise<void> {
  if (!session?.accountId) {
    throw new Error('oidc-provider asked for consent before a login');
  }
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant =
    existing ??
    new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
  if (details.missingOIDCScope) {
    grant.addOIDCScope(details.missingOIDCScope.join(' '));
  }
  if (details.missingOIDCClaims) {
    grant.addOIDCClaims(details.missingOIDCClaims);
  }
  for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  const savedGrantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: existing ? {} : { grantId: savedGrantId } },
    { mergeWithLastSubmission: true },
  );
}

async function loginPage(
  provider: Provider,
  details: InteractionDetails,
  extra: { username?: string; error?: string } = {},
): Promise<string> {
  const client = await provider.Client.find(String(details.params.client_id));
  return renderLoginPage({
    action: `/interaction/${details.uid}`,
    clientName: client?.clientName ?? 'Oracle AI',
    ...extra,
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) {
      break;
    }
  }
  return new URLSearchParams(body);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}
