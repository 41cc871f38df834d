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
  /** Streamed questions each way (direct, through the API) timed to their first token. */
  chatRequests: number;
  /** Chunks of the one stream timed each way and repetition for chunks per second. */
  chatChunks: number;
  /** Assistant streams held open at once on one API process. */
  chatStreams: number;
}

/** `npm run bench` without options; docs/benchmarks.md states its goals for these. */
export const DEFAULT_OPTIONS: BenchOptions = {
  durationS: 10,
  connections: 50,
  threads: 1,
  repetitions: 3,
  peers: false,
  write: false,
  loadGenerator: 'auto',
  rssTokens: 100_000,
  coldRequests: 200,
  chatRequests: 200,
  chatChunks: 20_000,
  chatStreams: 1_000,
};

const D = DEFAULT_OPTIONS;

export const USAGE = `Usage: npm run bench -- [options]

  --duration <s>          seconds per measured round (default ${D.durationS})
  --connections <n>       concurrent connections (default ${D.connections})
  --threads <n>           wrk threads (default ${D.threads}: the load generator has one core, and with more
                          a fresh round's first thread starts while the others load tokens)
  --repetitions <n>       interleaved floor/same/fresh/invalid sequences (default ${D.repetitions})
  --peers                 also run fast-jwt, @fastify/jwt + get-jwks, express-oauth2-jwt-bearer
                          and a plain jose baseline through the same rounds
  --write                 update docs/benchmarks.md with this run's results
  --load-generator <g>    auto | wrk | autocannon (default ${D.loadGenerator}: wrk when on PATH)
  --rss-tokens <n>        distinct tokens in the RSS check (default ${D.rssTokens})
  --cold-requests <n>     concurrent requests at a cold start (default ${D.coldRequests})
  --chat-requests <n>     assistant: questions timed to their first token, each way (default ${D.chatRequests})
  --chat-chunks <n>       assistant: chunks of the stream timed for chunks per second (default ${D.chatChunks})
  --chat-streams <n>      assistant: streams held open at once on one API process (default ${D.chatStreams})
  --help`;

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string', default: String(D.durationS) },
      connections: { type: 'string', default: String(D.connections) },
      threads: { type: 'string', default: String(D.threads) },
      repetitions: { type: 'string', default: String(D.repetitions) },
      peers: { type: 'boolean', default: D.peers },
      write: { type: 'boolean', default: D.write },
      'load-generator': { type: 'string', default: D.loadGenerator },
      'rss-tokens': { type: 'string', default: String(D.rssTokens) },
      'cold-requests': { type: 'string', default: String(D.coldRequests) },
      'chat-requests': { type: 'string', default: String(D.chatRequests) },
      'chat-chunks': { type: 'string', default: String(D.chatChunks) },
      'chat-streams': { type: 'string', default: String(D.chatStreams) },
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
    chatRequests: positiveInteger('chat-requests', values['chat-requests'], 100_000),
    chatChunks: positiveInteger('chat-chunks', values['chat-chunks'], 10_000_000),
    chatStreams: positiveInteger('chat-streams', values['chat-streams'], 10_000),
  };
}

function positiveInteger(name: string, value: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${value}"`);
  return number;
}
