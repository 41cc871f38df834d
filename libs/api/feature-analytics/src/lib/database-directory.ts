import type { AnalyticsDatabase } from '@oracle-ai/shared/util-api-contract';
import type { FiguresSource } from './figures-source';
import { QueryCache } from './query-cache';

/** The exporter's `up` per database over the last 15 minutes: its latest value. */
export const DATABASES_QUERY = 'max by (database) (last_over_time(oracledb_up[15m]))';
const TTL_MS = 15_000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The databases the source knows: the values of the exporter's `database` label seen in
 * `oracledb_up` in the last 15 minutes. Every panel request is checked against this list before
 * any other query, and panel queries name a database only as read here.
 */
export class DatabaseDirectory {
  private readonly cache = new QueryCache<AnalyticsDatabase[]>(TTL_MS, 1);

  constructor(
    private readonly source: FiguresSource,
    private readonly now: () => number,
  ) {}

  list(): Promise<AnalyticsDatabase[]> {
    return this.cache.get('databases', async () => {
      const series = await this.source.instant(DATABASES_QUERY, this.now());
      return series
        .filter(
          ({ labels }) =>
            typeof labels['database'] === 'string' && !LONE_SURROGATE.test(labels['database']),
        )
        .map(({ labels, sample }) => ({ name: labels['database'], up: sample[1] === 1 }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }
}
