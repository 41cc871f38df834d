import { escapeHtml, htmlPage } from './html-layout';

export interface LoginPageOptions {
  /** Where the form posts: the interaction URL. */
  action: string;
  clientName: string;
  username?: string;
  error?: string;
}

export function renderLoginPage({
  action,
  clientName,
  username = '',
  error,
}: LoginPageOptions): string {
  const errorBlock = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return htmlPage(
    'Sign in — Oracle AI dev IdP',
    `<h1>Sign in to ${escapeHtml(clientName)}</h1>
${errorBlock}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
<label for="username">Username</label>
<input id="username" name="username" value="${escapeHtml(username)}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<p class="hint">Dev IdP: alice, bob, carol or dave; the password is the user name.</p>`,
  );
}
