import { say } from './output-relay';
import { runStack } from './run-stack';

const USAGE = 'usage: stack-runner [--stop-grace-s <1-600>] -- <command> [args…]';
/** Above the API's own drain (SHUTDOWN_GRACE_S, 10 s by default). */
const DEFAULT_STOP_GRACE_S = 15;

/**
 * `npm start` and `npm run start:prod`: runs the stack's command so that every process it starts
 * ends with it (`runStack`). `PORT` and `HOST` are left out of the stack's environment: each
 * server of a stack takes its own from its project's env files, and one value for all of them
 * would make them collide.
 */
async function main(argv: string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed === undefined) {
    say(USAGE);
    return 2;
  }
  const { command, args, stopGraceS } = parsed;
  // The output may go to a pipe whose reader leaves first: losing it must not end the runner.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['PORT'];
  delete env['HOST'];
  // Our output is not a terminal even when the user's is: keep the task runner's colours.
  if (process.stdout.isTTY && env['FORCE_COLOR'] === undefined) env['FORCE_COLOR'] = '1';
  return runStack({ command, args, env, stopGraceMs: stopGraceS * 1000 });
}

function parseArguments(
  argv: string[],
): { command: string; args: string[]; stopGraceS: number } | undefined {
  const separator = argv.indexOf('--');
  if (separator === -1 || separator === argv.length - 1) return undefined;
  const [command, ...args] = argv.slice(separator + 1);
  const options = argv.slice(0, separator);
  if (options.length === 0) return { command, args, stopGraceS: DEFAULT_STOP_GRACE_S };
  const [name, value] = options;
  if (options.length !== 2 || name !== '--stop-grace-s' || !/^\d{1,3}$/.test(value))
    return undefined;
  const stopGraceS = Number(value);
  return stopGraceS >= 1 && stopGraceS <= 600 ? { command, args, stopGraceS } : undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    // Let pending output flush; exit anyway if something still holds the event loop.
    process.exitCode = code;
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
