import { expect, type BrowserContext } from '@playwright/test';

/** What a page reported: a `securitypolicyviolation` event, or a console error about the policy. */
export interface CspViolation {
  source: 'event' | 'console';
  /** The page it happened in. */
  url: string;
  /** `effectiveDirective` of the event, e.g. `script-src-elem`, `require-trusted-types-for`. */
  directive?: string;
  /** `blockedURI` of the event: a URL, `inline`, `eval`, `trusted-types-sink`, … */
  blockedUri?: string;
  /** The event's sample, or the console message. */
  text: string;
}

const BINDING = '__e2eReportCspViolation';
/** Chromium's console wording for CSP refusals and Trusted Types errors. */
const POLICY_CONSOLE_MESSAGE = /Content Security Policy|Trusted ?Type/i;

/**
 * Records every CSP and Trusted Types violation in every page of a browser context, the IdP's
 * pages included, from the first script on. The fixture that owns it fails the test when any is
 * left over, so a test that provokes violations on purpose takes them with `during()`.
 */
export class CspViolationMonitor {
  private readonly pending: CspViolation[] = [];

  static async attach(context: BrowserContext): Promise<CspViolationMonitor> {
    const monitor = new CspViolationMonitor();
    await context.exposeBinding(BINDING, (_source, violation: CspViolation) =>
      monitor.pending.push(violation),
    );
    await context.addInitScript((binding) => {
      document.addEventListener(
        'securitypolicyviolation',
        (event) => {
          const report = (window as unknown as Record<string, (v: CspViolation) => void>)[binding];
          report({
            source: 'event',
            url: event.documentURI,
            directive: event.effectiveDirective,
            blockedUri: event.blockedURI,
            text: event.sample,
          });
        },
        true,
      );
    }, BINDING);
    context.on('console', (message) => {
      if (message.type() === 'error' && POLICY_CONSOLE_MESSAGE.test(message.text())) {
        monitor.pending.push({
          source: 'console',
          url: message.page()?.url() ?? '',
          text: message.text(),
        });
      }
    });
    return monitor;
  }

  /**
   * Runs `action`, which must provoke at least one `securitypolicyviolation` event (or, with
   * `reportedAs: 'console'`, a console message only: a frame refused by the framed page's
   * `frame-ancestors` fires no event in the framing page), and returns what was recorded
   * meanwhile (events and console messages), no longer counting as left over.
   */
  async during(
    action: () => Promise<unknown>,
    { reportedAs = 'event' }: { reportedAs?: CspViolation['source'] } = {},
  ): Promise<CspViolation[]> {
    const before = this.pending.length;
    await action();
    await expect
      .poll(() => this.pending.slice(before).some(({ source }) => source === reportedAs), {
        message: 'the action was expected to be refused by the policy',
      })
      .toBe(true);
    // The console message of the same refusal arrives on its own channel: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 250));
    return this.pending.splice(before);
  }

  /** Everything not taken by `during()`; the fixture expects none. */
  leftOver(): CspViolation[] {
    return [...this.pending];
  }
}
