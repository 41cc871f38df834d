import { ALL_NOTES } from './all-notes';
import { chooseNotes } from './choose-notes';
import { EXAMPLE_QUESTION } from './compose-answer';
import { NoteIndex } from './note-index';

describe('chooseNotes', () => {
  const index = new NoteIndex(ALL_NOTES);
  const ids = (...questions: string[]) => chooseNotes(index, questions).map((note) => note.id);

  it('answers the example question with the single-block read note alone', () => {
    expect(ids(EXAMPLE_QUESTION)).toEqual(['db-file-sequential-read']);
  });

  it.each([
    ['What does ORA-01555 mean?', 'undo-and-ora-01555'],
    ['How do I read an AWR report?', 'awr-report-sections'],
    ['Our commits are slow', 'log-file-sync'],
    ['log file parallel write is 8 ms', 'log-file-parallel-write'],
    ['Sessions are blocked by a row lock', 'row-lock-contention'],
    ['Which indexes are never used?', 'unused-indexes'],
    ['too many connections after the app servers restarted', 'sessions-and-connection-storms'],
    ['Do I need a licence for ASH?', 'ash-report'],
    ['How many hard parses are too many?', 'hard-and-soft-parses'],
    ['The host CPU is at 100% and the run queue is long', 'cpu-and-run-queue'],
    ['Sorts spill to the temp tablespace', 'pga-and-temp-spills'],
    ['gc buffer busy on our RAC cluster', 'gc-waits-rac'],
    ['show me the top SQL by CPU', 'top-sql'],
    ['how do I use DBMS_XPLAN', 'execution-plans-dbms-xplan'],
    ['what is the clustering factor', 'clustering-factor'],
    ['my tables have stale stats', 'stale-statistics'],
    ['what is average active sessions', 'aas-and-db-time'],
    ['a sequencial read is slow', 'db-file-sequential-read'],
    ['waiting on latches', 'latch-and-mutex-waits'],
    ['queries parsing too much', 'hard-and-soft-parses'],
    ['tablespace is full', 'tablespaces-and-autoextend'],
    ['buffer busy waits on an index', 'buffer-busy-waits'],
    ['How should I size the redo logs?', 'redo-and-commit-frequency'],
    ['clustering factr', 'clustering-factor'],
    ['histogrms', 'histograms'],
  ])('%j → %s first', (question, id) => {
    expect(ids(question)[0]).toBe(id);
  });

  it('quotes up to three notes, those close to the best', () => {
    const chosen = ids('log file sync and log file parallel write');
    expect(chosen.slice(0, 2).sort()).toEqual(['log-file-parallel-write', 'log-file-sync']);
    expect(chosen.length).toBeLessThanOrEqual(3);
  });

  it.each(['asdf qwerty zxcv', 'What is the weather in Paris?', 'hello', '', '?!'])(
    'finds nothing for %j',
    (question) => {
      expect(ids(question)).toEqual([]);
    },
  );

  it('reads a question of known words that finds nothing alone as a follow-up', () => {
    expect(ids('What is log file sync?', 'How do I fix it?')[0]).toBe('log-file-sync');
    expect(ids('Tell me about histograms', 'tell me more')[0]).toBe('histograms');
  });

  it('does not let an earlier question answer an unrelated one', () => {
    expect(ids('What is log file sync?', 'asdf qwerty')).toEqual([]);
    expect(ids('What is log file sync?', 'What is the weather in Paris?')).toEqual([]);
  });

  it('reads the beginning of a very long question only', () => {
    const long = `What is log file sync? ${'and also this '.repeat(80_000)}`;
    expect(ids(long)[0]).toBe('log-file-sync');
    expect(ids(`${'zzz '.repeat(1000)} What is log file sync?`)).toEqual([]);
  });

  it('answers a new subject on its own, whatever came before', () => {
    expect(ids('What is log file sync?', 'And what is the clustering factor?')).toEqual([
      'clustering-factor',
    ]);
  });
});
