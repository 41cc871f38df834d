import type { StatementProfile } from './profile';
import { integral, periodStart, type Rate } from './shapes';
import type { Workload } from './workload';

/** The exporter's `top_sql` query keeps the 15 rows of `gv$sqlstats` with the most elapsed time. */
export const TOP_SQL_ROWS = 15;
/** … and `substrb(sql_text, 1, 55)`. */
const SQL_TEXT_BYTES = 55;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** OLTP cursors age out of the shared pool about daily, each at its own time. */
const OLTP_RELOAD_EVERY_S = 26 * HOUR;
const OLTP_RELOAD_STAGGER_S = 3 * HOUR + 17 * 60;
/** Oracle's sql_id alphabet: base 32 without e, i, l, o. */
const SQL_ID_ALPHABET = '0123456789abcdfghjkmnpqrstuvwxyz';

export interface TopSqlRow {
  instId: number;
  sqlId: string;
  sqlText: string;
  /** Seconds, cumulative since the cursor was loaded. */
  elapsed: number;
}

interface Statement {
  sqlId: string;
  sqlText: string;
  rate: Rate;
  reloadEveryS: number;
  reloadAtS: number;
}

/** The rows of a database's `oracledb_top_sql_elapsed` at any instant. */
export class TopSql {
  private readonly statements: Statement[];

  constructor(private readonly workload: Workload) {
    const { batch } = workload.profile;
    this.statements = workload.profile.statements.map((statement, index) => {
      const driverTime = workload.dbTimeOf(statement.driver);
      return {
        sqlId: sqlIdOf(statement.text),
        sqlText: truncateBytes(statement.text, SQL_TEXT_BYTES),
        rate: driverTime.map(({ weight, shape }) => ({ weight: weight * statement.share, shape })),
        ...reloads(statement, index, batch),
      };
    });
  }

  rowsAt(t: number): TopSqlRow[] {
    const rows: TopSqlRow[] = [];
    for (const instance of this.workload.profile.instances) {
      for (const statement of this.statements) {
        const loadedAt = periodStart(t, statement.reloadEveryS, statement.reloadAtS);
        rows.push({
          instId: instance.id,
          sqlId: statement.sqlId,
          sqlText: statement.sqlText,
          elapsed: instance.share * integral(statement.rate, loadedAt, t),
        });
      }
    }
    return rows
      .filter((row) => row.elapsed > 0)
      .sort((a, b) => b.elapsed - a.elapsed)
      .slice(0, TOP_SQL_ROWS);
  }
}

function reloads(
  statement: StatementProfile,
  index: number,
  batch: { periodS: number; startS: number } | undefined,
): { reloadEveryS: number; reloadAtS: number } {
  if (statement.reloadEveryS !== undefined)
    return { reloadEveryS: statement.reloadEveryS, reloadAtS: statement.reloadAtS ?? 0 };
  if (statement.driver === 'batch' && batch !== undefined)
    return { reloadEveryS: batch.periodS, reloadAtS: batch.startS };
  if (statement.driver === 'storm') return { reloadEveryS: DAY, reloadAtS: 0 };
  return { reloadEveryS: OLTP_RELOAD_EVERY_S, reloadAtS: index * OLTP_RELOAD_STAGGER_S };
}

/** A stable 13-character sql_id for a text, in Oracle's alphabet (not Oracle's hash). */
export function sqlIdOf(text: string): string {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    high = Math.imul(high ^ text.charCodeAt(i), 16777619) >>> 0;
    low = Math.imul(low ^ text.charCodeAt(i), 2246822519) >>> 0;
  }
  let value = (BigInt(high) << 32n) | BigInt(low);
  let id = '';
  for (let i = 0; i < 13; i++) {
    id = SQL_ID_ALPHABET[Number(value & 31n)] + id;
    value >>= 5n;
  }
  return id;
}

/** The first `bytes` bytes of the UTF-8 text, never splitting a character. */
function truncateBytes(text: string, bytes: number): string {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= bytes) return text;
  return new TextDecoder().decode(encoded.subarray(0, bytes)).replace(/\uFFFD$/, '');
}
