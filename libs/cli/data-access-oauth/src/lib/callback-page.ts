/** What the browser shows at the loopback redirect URI. */
export interface CallbackPage {
  status: number;
  html: string;
}

/**
 * Headers of every page the loopback listener serves: nothing loads from anywhere (no script, no
 * external style, font or image), no framing, no referrer (the URL holds the authorization code),
 * nothing cached.
 */
export const CALLBACK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

export function signedInPage(): CallbackPage {
  return {
    status: 200,
    html: page(
      'Signed in — Oracle AI',
      'Signed in',
      'The command line is signed in to Oracle AI. You can close this tab and return to the terminal.',
    ),
  };
}

/** `reason` is shown escaped; it may come from the IdP. */
export function failedPage(reason: string, status = 400): CallbackPage {
  return {
    status,
    html: page(
      'Sign-in failed — Oracle AI',
      'Sign-in failed',
      `${reason} Return to the terminal for details.`,
    ),
  };
}

function page(title: string, heading: string, text: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
<p role="status">${escapeHtml(text)}</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );
}
