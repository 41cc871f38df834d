import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Seconds per measured round. */
  durationS: number;
  connections: number;
  /** wrk threads (all on the load generator's one core). */
  threads: number;
  /** Repetitions of the interleaved floor/same/fresh/invalid sequence. */
  repetitions: number;
  peers: boolean;
  write: boolean;
  loadGenerator: 'auto' | 'wrk' | 'autocannon';
  /** Distinct tokens in the RSS run. */
  rssTokens: number;
  /** Concurrent requests fired at a just-started server. */
  coldRequests: number;
}

export const USAGE = `Usage: npm run bench -- [options]

  --duration <s>          seconds per measured round (default 10)
  --connections <n>       concurrent connections (default 50)
  --threads <n>           wrk threads (default 1: the load generator has one core, and with more
                          a fresh round's first thread starts while the others load tokens)
  --repetitions <n>       interleaved floor/same/fresh/invalid sequences (default 3)
  --peers                 also run fast-jwt, @fastify/jwt + get-jwks, express-oauth2-jwt-bearer
                          and a plain jose baseline through the same rounds
  --write                 update docs/benchmarks.md with this run's results
  --load-generator <g>    auto | wrk | autocannon (default auto: wrk when on PATH)
  --rss-tokens <n>        distinct tokens in the RSS check (default 100000)
  --cold-requests <n>     concurrent requests at a cold start (default 200)
  --help`;

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      threads: { type: 'string', default: '1' },
      repetitions: { type: 'string', default: '3' },
      peers: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      'load-generator': { type: 'string', default: 'auto' },
      'rss-tokens': { type: 'string', default: '100000' },
      'cold-requests': { type: 'string', default: '200' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const loadGenerator = values['load-generator'];
  if (loadGenerator !== 'auto' && loadGenerator !== 'wrk' && loadGenerator !== 'autocannon')
    throw new Error(`--load-generator must be auto, wrk or autocannon, not "${loadGenerator}"`);
  return {
    durationS: positiveInteger('duration', values.duration, 3600),
    connections: positiveInteger('connections', values.connections, 10_000),
    threads: positiveInteger('threads', values.threads, 64),
    repetitions: positiveInteger('repetitions', values.repetitions, 100),
    peers: values.peers,
    write: values.write,
    loadGenerator,
    rssTokens: positiveInteger('rss-tokens', values['rss-tokens'], 10_000_000),
    coldRequests: positiveInteger('cold-requests', values['cold-requests'], 10_000),
  };
}

function positiveInteger(name: string, value: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${value}"`);
  return number;
}
