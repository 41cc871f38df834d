const STYLE = `
body { font-family: system-ui, sans-serif; background: #f3f4f6; margin: 0; padding: 48px 16px; color: #111827; }
main { max-width: 360px; margin: 0 auto; background: #fff; padding: 24px 32px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
h1 { font-size: 1.3rem; margin-top: 0; }
label { display: block; margin: 12px 0 4px; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: 8px; font-size: 1rem; border: 1px solid #9ca3af; border-radius: 4px; }
button { margin-top: 20px; width: 100%; padding: 10px; font-size: 1rem; border: 0; border-radius: 4px; background: #1d4ed8; color: #fff; cursor: pointer; }
.error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; padding: 8px; border-radius: 4px; }
.hint { color: #4b5563; font-size: .85rem; }
`;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A self-contained page: inline CSS only, no fonts or scripts from elsewhere (works offline). */
export function htmlPage(title: string, body: string, extraHead = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
${extraHead}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
