import { problemWords } from './problem-words';

describe('problemWords', () => {
  it('words each problem plainly, keeping the API’s own message', () => {
    expect(
      problemWords({
        kind: 'source-unavailable',
        message: 'The figures source cannot be reached or is failing; retry later',
        retryAfterS: 10,
      }),
    ).toEqual({
      title: 'The figures are unavailable',
      text: 'The figures source cannot be reached or is failing; retry later (the API suggests waiting 10 s).',
    });
    expect(
      problemWords({ kind: 'source-unavailable', message: 'No figures source is configured' }).text,
    ).toBe('No figures source is configured');
    expect(
      problemWords({
        kind: 'source-timeout',
        message: 'The figures source did not answer within 5 s',
      }),
    ).toEqual({
      title: 'The figures took too long',
      text: 'The figures source did not answer within 5 s. Try a shorter range, or again later.',
    });
    expect(problemWords({ kind: 'not-found' }).title).toBe('Database not found');
    expect(problemWords({ kind: 'invalid-range', message: 'from must be before to' }).text).toBe(
      'from must be before to',
    );
    expect(problemWords({ kind: 'failed' }).title).toBe('The figures could not be loaded');
  });
});
