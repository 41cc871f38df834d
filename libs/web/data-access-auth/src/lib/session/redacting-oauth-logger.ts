import { OAuthLogger } from 'angular-oauth2-oidc';

const JWT_LIKE = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

/**
 * The library logs token responses in debug mode and error objects otherwise; this logger keeps
 * the messages but never prints objects or anything shaped like a token.
 */
export class RedactingOAuthLogger implements OAuthLogger {
  debug(...args: unknown[]): void {
    console.debug(...redact(args));
  }
  info(...args: unknown[]): void {
    console.info(...redact(args));
  }
  log(...args: unknown[]): void {
    console.log(...redact(args));
  }
  warn(...args: unknown[]): void {
    console.warn(...redact(args));
  }
  error(...args: unknown[]): void {
    console.error(...redact(args));
  }
}

export function redact(args: unknown[]): string[] {
  return args.map((arg) => {
    if (typeof arg === 'string') return arg.replace(JWT_LIKE, '[redacted]');
    if (arg instanceof Error) return arg.message.replace(JWT_LIKE, '[redacted]');
    return '[omitted]';
  });
}
