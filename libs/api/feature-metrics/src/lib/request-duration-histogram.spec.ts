import { Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram';

describe('RequestDurationHistogram', () => {
  it('exposes cumulative buckets, sum and count per series in the Prometheus text format', async () => {
    const registry = new Registry();
    const histogram = new RequestDurationHistogram(registry);
    histogram.observe('GET', '/api/me', 200, 0.0003);
    histogram.observe('GET', '/api/me', 200, 0.002);
    histogram.observe('GET', '/api/me', 200, 30);
    histogram.observe('HEAD', '/api/me', 401, 0.0001);
    const lines = (await registry.metrics()).split('\n');

    expect(lines).toContain('# TYPE http_request_duration_seconds histogram');
    const me = 'method="GET",route="/api/me",status_code="200"';
    expect(lines).toContain(`http_request_duration_seconds_bucket{${me},le="0.0005"} 1`);
    expect(lines).toContain(`http_request_duration_seconds_bucket{${me},le="0.0025"} 2`);
    expect(lines).toContain(`http_request_duration_seconds_bucket{${me},le="10"} 2`);
    expect(lines).toContain(`http_request_duration_seconds_bucket{${me},le="+Inf"} 3`);
    expect(lines).toContain(`http_request_duration_seconds_count{${me}} 3`);
    expect(
      Number(
        lines
          .find((line) => line.startsWith(`http_request_duration_seconds_sum{${me}}`))
          ?.split(' ')[1],
      ),
    ).toBeCloseTo(30.0023);
    // Buckets never decrease.
    const counts = lines
      .filter((line) => line.startsWith(`http_request_duration_seconds_bucket{${me},`))
      .map((line) => Number(line.split(' ')[1]));
    expect(counts).toHaveLength(15);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(lines).toContain(
      'http_request_duration_seconds_count{method="HEAD",route="/api/me",status_code="401"} 1',
    );
  });
});
