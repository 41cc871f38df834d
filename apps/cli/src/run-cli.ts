import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  ask,
  EXIT,
  login,
  logout,
  printToken,
  reportFailure,
  UsageError,
  whoami,
  type CliContext,
} from '@oracle-ai/cli/feature-commands';
import { COMMAND_USAGE, USAGE } from './usage';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  options: Options;
  /** How many positional arguments it takes. */
  positionals: number;
  run(values: Values, positionals: string[], context: CliContext): Promise<void>;
}

const help: Options = { help: { type: 'boolean', short: 'h' } };
const api: Options = { api: { type: 'string' } };
const json: Options = { json: { type: 'boolean' } };

const COMMANDS: Readonly<Record<string, Command>> = {
  login: {
    options: {
      ...help,
      ...api,
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      port: { type: 'string' },
      'no-browser': { type: 'boolean' },
      dpop: { type: 'boolean' },
    },
    positionals: 0,
    run: (values, _positionals, context) =>
      login(
        {
          api: values['api'] as string | undefined,
          issuer: values['issuer'] as string | undefined,
          clientId: values['client-id'] as string | undefined,
          port: port(values['port'] as string | undefined),
          browser: values['no-browser'] !== true,
          dpop: values['dpop'] === true,
        },
        context,
      ),
  },
  token: {
    options: help,
    positionals: 0,
    run: (_values, _positionals, context) => printToken(context),
  },
  whoami: {
    options: { ...help, ...api, ...json },
    positionals: 0,
    run: (values, _positionals, context) =>
      whoami({ api: values['api'] as string | undefined, json: values['json'] === true }, context),
  },
  ask: {
    options: { ...help, ...api, ...json },
    positionals: 1,
    run: (values, [question], context) =>
      ask(
        question,
        { api: values['api'] as string | undefined, json: values['json'] === true },
        context,
      ),
  },
  logout: {
    options: help,
    positionals: 0,
    run: (_values, _positionals, context) => logout(context),
  },
};

/**
 * Parses `argv` (without node and the script), runs the command, and returns the exit status.
 * Help goes to stdout (asked for) or stderr (after a usage error); stdout otherwise carries only
 * what the command produces for scripts.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout(USAGE);
    return EXIT.OK;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    context.stderr(name === undefined ? USAGE : `oracle-ai: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  try {
    const { values, positionals } = parse(name, command, rest);
    if (values['help'] === true) {
      context.stdout(COMMAND_USAGE[name]);
      return EXIT.OK;
    }
    await command.run(values, positionals, context);
    return EXIT.OK;
  } catch (error) {
    const status = reportFailure(error, context);
    if (status === EXIT.USAGE) context.stderr(`see: oracle-ai ${name} --help\n`);
    return status;
  }
}

function parse(name: string, command: Command, args: string[]) {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: command.options,
      allowPositionals: true,
      strict: true,
    }) as { values: Values; positionals: string[] };
  } catch (error) {
    // Node's message goes on about '--'; its first sentence names the problem.
    throw new UsageError((error as Error).message.split(/\. |\n/)[0]);
  }
  const { values, positionals } = parsed;
  if (values['help'] !== true && positionals.length !== command.positionals) {
    throw new UsageError(
      command.positionals === 0
        ? `${name} takes no arguments (got "${positionals[0]}")`
        : `${name} takes ${command.positionals} argument${command.positionals === 1 ? ' (in quotes)' : 's'}, got ${positionals.length}`,
    );
  }
  return parsed;
}

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new UsageError(`--port must be a port from 1 to 65535 (got "${value}")`);
  }
  return Number(value);
}
