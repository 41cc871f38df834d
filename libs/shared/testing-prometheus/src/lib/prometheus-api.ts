/** A series of a Prometheus answer: labels and `[unixSeconds, "value"]` points. */
export interface PrometheusSeries {
  metric: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

/**
 * Asks Prometheus directly (`/api/v1/query` at `time`, or `/api/v1/query_range`), for tests that
 * compare what the API answers with what the source says. Throws on anything but success.
 */
export async function queryPrometheus(
  baseUrl: string,
  query: string,
  at: { time: number } | { start: number; end: number; step: number },
): Promise<PrometheusSeries[]> {
  const range = 'step' in at;
  const params: Record<string, string> = range
    ? { query, start: String(at.start), end: String(at.end), step: String(at.step) }
    : { query, time: String(at.time) };
  const response = await fetch(`${baseUrl}/api/v1/${range ? 'query_range' : 'query'}`, {
    method: 'POST',
    body: new URLSearchParams(params),
  });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: PrometheusSeries[] };
  };
  if (body.status !== 'success' || body.data === undefined) {
    throw new Error(`Prometheus refused ${query}: ${response.status} ${body.error ?? ''}`);
  }
  return body.data.result;
}
