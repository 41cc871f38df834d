import { EXIT, type CliContext } from '@oracle-ai/cli/feature-commands';
import { runCli } from './run-cli';
import { COMMAND_USAGE, USAGE } from './usage';

/** The dispatch only: the commands themselves are tested in their lib and through the build. */
describe('runCli', () => {
  let output: { stdout: string; stderr: string };
  const context = (): CliContext => ({
    env: {},
    stdout: (text) => (output.stdout += text),
    stderr: (text) => (output.stderr += text),
    signal: new AbortController().signal,
    openBrowser: () => Promise.reject(new Error('no browser')),
    readStdin: () => Promise.resolve(''),
  });

  beforeEach(() => {
    output = { stdout: '', stderr: '' };
  });

  it.each([['--help'], ['-h'], ['help']])('%s prints the usage on stdout, exit 0', async (flag) => {
    expect(await runCli([flag], context())).toBe(0);
    expect(output).toEqual({ stdout: USAGE, stderr: '' });
  });

  it('without a command prints the usage on stderr, exit 2', async () => {
    expect(await runCli([], context())).toBe(2);
    expect(output).toEqual({ stdout: '', stderr: USAGE });
  });

  it('names an unknown command, exit 2', async () => {
    expect(await runCli(['tokens'], context())).toBe(2);
    expect(output.stderr).toBe(`oracle-ai: unknown command "tokens"\n\n${USAGE}`);
  });

  it.each(Object.keys(COMMAND_USAGE))(
    '%s --help prints its usage on stdout, exit 0',
    async (name) => {
      expect(await runCli([name, '--help'], context())).toBe(0);
      expect(output).toEqual({ stdout: COMMAND_USAGE[name], stderr: '' });
    },
  );

  it('documents the exit statuses the commands use', () => {
    expect(USAGE).toContain(`exit status: ${EXIT.OK} ok, ${EXIT.FAILURE} failure`);
    expect(USAGE).toContain(
      `${EXIT.USAGE} wrong command line or environment, ${EXIT.INTERRUPTED} stopped with Ctrl-C`,
    );
  });
});
