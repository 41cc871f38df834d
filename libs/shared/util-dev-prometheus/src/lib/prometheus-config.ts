/** An exporter for Prometheus to scrape, with the labels its series get. */
export interface ScrapeTarget {
  /** `host:port` */
  address: string;
  job: string;
  /** Set explicitly (not the address): backfilled history must carry the same value. */
  instance: string;
}

export interface PrometheusConfigOptions {
  scrapeIntervalS: number;
  targets: readonly ScrapeTarget[];
  /** When set, Prometheus writes every query it runs to this file, one JSON object a line. */
  queryLogFile?: string;
}

/**
 * A `prometheus.yml` for a local Prometheus, written as JSON (which YAML reads as is), so no
 * value needs YAML quoting.
 */
export function prometheusConfig(options: PrometheusConfigOptions): string {
  const interval = `${options.scrapeIntervalS}s`;
  const jobs = new Map<string, ScrapeTarget[]>();
  for (const target of options.targets)
    jobs.set(target.job, [...(jobs.get(target.job) ?? []), target]);
  const config = {
    global: {
      scrape_interval: interval,
      scrape_timeout: interval,
      evaluation_interval: interval,
      ...(options.queryLogFile !== undefined && { query_log_file: options.queryLogFile }),
    },
    scrape_configs: [...jobs].map(([job, targets]) => ({
      job_name: job,
      static_configs: targets.map((target) => ({
        targets: [target.address],
        labels: { instance: target.instance },
      })),
    })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
