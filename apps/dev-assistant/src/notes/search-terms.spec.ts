import { searchTerm, splitWords } from './search-terms';

describe('search terms', () => {
  it('splits on spaces and punctuation but keeps $ and # in identifiers', () => {
    expect(splitWords('ORA-01555 in v$session (current_obj#)?')).toEqual([
      'ORA',
      '01555',
      'in',
      'v$session',
      'current',
      'obj#',
      '',
    ]);
  });

  it('drops stop words and empty words', () => {
    expect(['Why', 'is', 'my', 'the', ''].map(searchTerm)).toEqual([null, null, null, null, null]);
  });

  it.each([
    ['indexes', 'index'],
    ['Index', 'index'],
    ['statistics', 'statistic'],
    ['queries', 'query'],
    ['waiting', 'wait'],
    ['waits', 'wait'],
    ['parsing', 'pars'],
    ['parsed', 'pars'],
    ['parses', 'pars'],
    ['parse', 'pars'],
    ['committed', 'commit'],
    ['committing', 'commit'],
    ['spilling', 'spill'],
    ['latches', 'latch'],
    ['status', 'status'],
    ['class', 'class'],
    ['analysis', 'analysis'],
    ['read', 'read'],
    ['01555', '01555'],
    ['v$sqlstats', 'v$sqlstats'],
  ])('%s → %s', (word, term) => {
    expect(searchTerm(word)).toBe(term);
  });
});
