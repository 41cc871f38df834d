import type { AssistantFailure } from '@oracle-ai/web/data-access-assistant';
import { failureMessage } from './failure-message';

describe('failureMessage', () => {
  it.each<[AssistantFailure, boolean, string]>([
    [
      { kind: 'rate_limited', retryAfterS: 12 },
      false,
      'You have asked for many answers in a short time. Wait 12 seconds, then retry.',
    ],
    [
      { kind: 'rate_limited' },
      false,
      'You have asked for many answers in a short time. Wait a moment, then retry.',
    ],
    [
      { kind: 'unavailable', retryAfterS: 30 },
      false,
      'The assistant is unavailable right now. Wait 30 seconds, then retry.',
    ],
    [
      { kind: 'unavailable' },
      true,
      'The assistant became unavailable while answering. The answer is incomplete: what arrived is shown above.',
    ],
    [{ kind: 'timeout' }, false, 'The assistant took too long to answer. Retry in a moment.'],
    [
      { kind: 'timeout' },
      true,
      'The assistant stopped answering in time. The answer is incomplete: what arrived is shown above.',
    ],
    [
      { kind: 'cut' },
      true,
      'The answer was cut off before its end. The answer is incomplete: what arrived is shown above. Retry for a complete answer.',
    ],
    [
      { kind: 'offline' },
      false,
      'Oracle AI could not be reached. Check your network connection, then retry.',
    ],
    [
      { kind: 'refused', message: 'Message 3 is over 16000 characters' },
      false,
      'The question could not be sent: Message 3 is over 16000 characters',
    ],
    [{ kind: 'denied' }, false, 'Your account does not have access to the assistant any more.'],
    [
      { kind: 'failed', status: 500 },
      false,
      'Something went wrong on the server (HTTP 500). Retry in a moment.',
    ],
    [{ kind: 'failed' }, false, 'Something went wrong on the server. Retry in a moment.'],
  ])('words %j (partial: %s)', (failure, partial, message) => {
    expect(failureMessage(failure, partial)).toBe(message);
  });

  it('has words for every failure', () => {
    const kinds: AssistantFailure['kind'][] = [
      'rate_limited',
      'unavailable',
      'timeout',
      'cut',
      'offline',
      'refused',
      'denied',
      'signed_out',
      'unreadable',
      'failed',
    ];
    for (const kind of kinds) {
      expect(failureMessage({ kind } as AssistantFailure, false)).toMatch(/^[A-Z].+\.$/);
    }
  });
});
