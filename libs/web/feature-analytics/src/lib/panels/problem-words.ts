import type { AnalyticsProblem } from '@oracle-ai/web/data-access-analytics';

/** What the page says when figures cannot be shown: a title and a sentence, in plain words. */
export function problemWords(problem: AnalyticsProblem): { title: string; text: string } {
  switch (problem.kind) {
    case 'source-unavailable':
      return {
        title: 'The figures are unavailable',
        text:
          problem.retryAfterS === undefined
            ? problem.message
            : `${problem.message} (the API suggests waiting ${problem.retryAfterS} s).`,
      };
    case 'source-timeout':
      return {
        title: 'The figures took too long',
        text: `${problem.message}. Try a shorter range, or again later.`,
      };
    case 'not-found':
      return {
        title: 'Database not found',
        text: 'This database is not (any more) among those you may see. Pick another one.',
      };
    case 'invalid-range':
      return { title: 'This range cannot be shown', text: problem.message };
    case 'failed':
      return { title: 'The figures could not be loaded', text: 'Something went wrong; try again.' };
  }
}
