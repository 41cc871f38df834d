import { AWR_ASH_NOTES } from './awr-ash-notes';
import { IO_REDO_UNDO_NOTES } from './io-redo-undo-notes';
import { LOAD_NOTES } from './load-notes';
import { MEMORY_SPACE_NOTES } from './memory-space-notes';
import type { Note } from './note';
import { SQL_PLAN_NOTES } from './sql-plan-notes';
import { STATISTICS_PARSING_NOTES } from './statistics-parsing-notes';
import { WAIT_EVENT_CONTENTION_NOTES } from './wait-event-contention-notes';
import { WAIT_EVENT_IO_NOTES } from './wait-event-io-notes';

/** Every note the server can quote. */
export const ALL_NOTES: readonly Note[] = [
  ...WAIT_EVENT_IO_NOTES,
  ...WAIT_EVENT_CONTENTION_NOTES,
  ...LOAD_NOTES,
  ...AWR_ASH_NOTES,
  ...SQL_PLAN_NOTES,
  ...STATISTICS_PARSING_NOTES,
  ...IO_REDO_UNDO_NOTES,
  ...MEMORY_SPACE_NOTES,
];
