import type {
  InstantSeries,
  PrometheusClient,
  RangeParams,
  RangeSeries,
} from '@oracle-ai/api/data-access-prometheus';
import { QueryCache } from './query-cache';

/** Identical queries within this time are asked once: the figures move every scrape (15 s or more). */
const CACHE_TTL_MS = 10_000;
const CACHE_ENTRIES = 500;

/** The Prometheus client behind a short cache of identical queries. */
export class FiguresSource {
  private readonly instants = new QueryCache<InstantSeries[]>(CACHE_TTL_MS, CACHE_ENTRIES);
  private readonly ranges = new QueryCache<RangeSeries[]>(CACHE_TTL_MS, CACHE_ENTRIES);

  constructor(private readonly client: PrometheusClient) {}

  instant(query: string, time: number): Promise<InstantSeries[]> {
    return this.instants.get(`${time} ${query}`, () => this.client.instantQuery(query, time));
  }

  range(query: string, range: RangeParams): Promise<RangeSeries[]> {
    const key = `${range.start} ${range.end} ${range.step} ${query}`;
    return this.ranges.get(key, () => this.client.rangeQuery(query, range));
  }

  close(): void {
    this.client.close();
  }
}
