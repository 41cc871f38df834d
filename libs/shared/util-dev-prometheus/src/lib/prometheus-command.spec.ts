import { backfillArgs, prometheusArgs } from './prometheus-command';

describe('Prometheus command lines', () => {
  it('runs on the given store, on 127.0.0.1 only, quiet by default', () => {
    expect(prometheusArgs({ configFile: '/d/p.yml', storageDir: '/d/tsdb', port: 19090 })).toEqual([
      '--config.file=/d/p.yml',
      '--storage.tsdb.path=/d/tsdb',
      '--web.listen-address=127.0.0.1:19090',
      '--log.level=warn',
    ]);
  });

  it('backfills OpenMetrics into the store', () => {
    expect(backfillArgs('/d/h.om', '/d/tsdb')).toEqual([
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '/d/h.om',
      '/d/tsdb',
    ]);
  });
});
