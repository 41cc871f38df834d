/**
 * The one inline style Swagger UI (5.x, `swagger-ui-dist` 5.34) inserts: the `<style>` in its
 * logo's SVG, `.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`.
 */
const SWAGGER_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/**
 * The headers of every response of Swagger UI under `/docs`: a policy that allows exactly what
 * the UI loads — its scripts and stylesheets from this origin, its logo's style by hash, its logo
 * as a `data:` image, the OpenAPI document and "Try it out" calls to this origin and the API's
 * public one — and nothing else: no inline or eval'd script, no framing, no MIME sniffing. Checked
 * in Chromium (the API's `api-docs.int-spec.ts`): the UI renders and calls the API with no
 * violation reported; an upgrade of the UI that needs more fails there.
 */
export function apiDocsHeaders(publicUrl: string): Record<string, string> {
  const connectSrc = [...new Set(["'self'", new URL(publicUrl).origin])].join(' ');
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      `style-src 'self' ${SWAGGER_LOGO_STYLE}`,
      "img-src 'self' data:",
      `connect-src ${connectSrc}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
