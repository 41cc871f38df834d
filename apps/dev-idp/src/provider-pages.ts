import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, htmlPage } from './html-layout';

/**
 * RP-initiated logout without a confirmation prompt: the provider's form (which carries the
 * xsrf token) is submitted by an inline script, with a button as the no-script fallback.
 */
export function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  const confirmingForm = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"/><button type="submit">Sign out</button></form>',
  );
  ctx.body = htmlPage(
    'Signing out — Oracle AI dev IdP',
    `<h1>Signing out…</h1>
${confirmingForm}
<script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

/** Shown only when the logout request named no post-logout redirect URI. */
export function postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
  const clientName = ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId;
  ctx.body = htmlPage(
    'Signed out — Oracle AI dev IdP',
    `<h1>Signed out</h1><p>You are signed out${clientName ? ` of ${escapeHtml(clientName)}` : ''}.</p>`,
  );
}

export function renderError(ctx: KoaContextWithOIDC, out: Record<string, string>): void {
  ctx.type = 'html';
  ctx.body = htmlPage(
    'Sign-in error — Oracle AI dev IdP',
    `<h1>Sign-in error</h1>
${Object.entries(out)
  .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
  .join('\n')}`,
  );
}
