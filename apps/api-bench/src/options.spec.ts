import { DEFAULT_OPTIONS, parseBenchOptions, USAGE } from './options';

describe('parseBenchOptions', () => {
  it('gives the defaults without options', () => {
    expect(parseBenchOptions([])).toEqual(DEFAULT_OPTIONS);
  });

  it('reads every option', () => {
    expect(
      parseBenchOptions([
        '--duration=2',
        '--connections',
        '10',
        '--threads=2',
        '--repetitions=1',
        '--peers',
        '--write',
        '--load-generator=autocannon',
        '--rss-tokens=2000',
        '--cold-requests=5',
        '--chat-requests=30',
        '--chat-chunks=500',
        '--chat-streams=50',
      ]),
    ).toEqual({
      durationS: 2,
      connections: 10,
      threads: 2,
      repetitions: 1,
      peers: true,
      write: true,
      loadGenerator: 'autocannon',
      rssTokens: 2000,
      coldRequests: 5,
      chatRequests: 30,
      chatChunks: 500,
      chatStreams: 50,
    });
  });

  it('asks for the usage with --help', () => {
    expect(parseBenchOptions(['--help'])).toBe('help');
  });

  it.each([
    [['--duration=0'], '--duration must be a whole number from 1 to 3600, not "0"'],
    [['--connections=1.5'], '--connections must be a whole number from 1 to 10000, not "1.5"'],
    [['--repetitions=many'], '--repetitions must be a whole number from 1 to 100, not "many"'],
    [['--rss-tokens=10000001'], '--rss-tokens must be a whole number from 1 to 10000000'],
    [['--load-generator=ab'], '--load-generator must be auto, wrk or autocannon, not "ab"'],
    [['--warmup=3'], "Unknown option '--warmup'"],
  ])('refuses %p', (argv, message) => {
    expect(() => parseBenchOptions(argv)).toThrow(message);
  });

  it('states the defaults in the usage', () => {
    expect(USAGE).toContain('--duration <s>          seconds per measured round (default 10)');
    expect(USAGE).toContain('(default 100000)');
  });
});
