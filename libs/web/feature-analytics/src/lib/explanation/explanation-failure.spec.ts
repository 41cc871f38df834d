import { HttpErrorResponse } from '@angular/common/http';
import { AssistantError } from '@oracle-ai/web/data-access-assistant';
import { explanationFailure } from './explanation-failure';

describe('explanationFailure', () => {
  it('the figures’ refusals, as the panels word them', () => {
    const gone = new HttpErrorResponse({
      status: 404,
      error: { statusCode: 404, error: 'Not Found', code: 'not_found', message: 'x' },
    });
    expect(explanationFailure(gone, false)).toBe(
      'Database not found: This database is not (any more) among those you may see. Pick another one.',
    );
  });

  it('the assistant’s, before and after some of the explanation arrived', () => {
    const failed = (failure: ConstructorParameters<typeof AssistantError>[0]) =>
      new AssistantError(failure);
    expect(explanationFailure(failed({ kind: 'rate_limited', retryAfterS: 12 }), false)).toBe(
      'You have asked the assistant for many answers in a short time. Wait 12 seconds, then ask again.',
    );
    expect(explanationFailure(failed({ kind: 'unavailable' }), false)).toBe(
      'The assistant is unavailable right now. Wait a moment, then ask again.',
    );
    expect(explanationFailure(failed({ kind: 'unavailable' }), true)).toBe(
      'The assistant became unavailable while explaining. The explanation is incomplete: what arrived is shown above.',
    );
    expect(explanationFailure(failed({ kind: 'cut' }), true)).toMatch(
      /^The explanation was cut off/,
    );
    expect(explanationFailure(failed({ kind: 'failed', status: 404 }), false)).toBe(
      'This database is not (any more) among those you may see.',
    );
    expect(explanationFailure(new Error('x'), false)).toBe('Something went wrong; ask again.');
  });
});
