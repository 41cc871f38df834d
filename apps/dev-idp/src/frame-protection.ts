import type { ServerResponse } from 'node:http';

/**
 * RFC 9700 §4.16 (clickjacking): no page of the IdP may be shown in a frame, so a hostile page
 * cannot overlay the login or logout form and trick the user into submitting it.
 * `frame-ancestors` for current browsers, `X-Frame-Options` for older ones.
 */
export const FRAME_PROTECTION_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

/**
 * Makes `res` carry the frame protection headers whoever writes it: our own pages, every page
 * oidc-provider renders (errors, logout, form_post), and redirects. They are set when the head is
 * written, not when the request arrives, because Koa's last-resort error handler removes every
 * header set before it answers.
 */
export function denyFraming(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadDenyingFraming(this: ServerResponse, ...args: unknown[]) {
    for (const [name, value] of Object.entries(FRAME_PROTECTION_HEADERS)) {
      this.setHeader(name, value);
    }
    return Reflect.apply(writeHead, this, args) as ServerResponse;
  } as ServerResponse['writeHead'];
}
