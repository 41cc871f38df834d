import { SimulatedExporter } from './model/simulated-exporter';
import { startExporterServer, type ExporterServer } from './server';

describe('startExporterServer', () => {
  let server: ExporterServer;
  const t = Date.UTC(2026, 10, 24, 12) / 1000;
  const base = () => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    server = await startExporterServer(new SimulatedExporter(), 0, () => t);
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers /metrics in the text format, computed for the time of the scrape', async () => {
    const response = await fetch(`${base()}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE oracledb_wait_time_user_io counter\n');
    expect(text).toContain('oracledb_up{database="finprod"} 1\n');
    const dbTime = new SimulatedExporter()
      .familiesAt(t)
      .find((f) => f.name === 'oracledb_time_model_db_time');
    const dwh = dbTime?.samples.at(-1)?.value;
    expect(dwh).toBeGreaterThan(0);
    expect(text).toContain(
      `oracledb_time_model_db_time{con_id="0",database="dwh",inst_id="1"} ${dwh}\n`,
    );
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    expect((await fetch(`${base()}/nothing`)).status).toBe(404);
    const post = await fetch(`${base()}/metrics`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('listens on 127.0.0.1 only', async () => {
    await expect(fetch(`http://[::1]:${server.port}/metrics`)).rejects.toThrow();
  });
});
