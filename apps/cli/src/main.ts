import { openBrowser } from '@oracle-ai/cli/data-access-oauth';
import { EXIT } from '@oracle-ai/cli/feature-commands';
import { runCli } from './run-cli';

/** The question read by `ask -` is at most this long: the API takes 256 KiB of request body. */
const MAX_STDIN_BYTES = 256 * 1024;

const interrupt = new AbortController();
// First Ctrl-C: the command stops what it does (the answer, the wait for the browser) and
// exits 130; a second one does not wait for that.
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(EXIT.INTERRUPTED);
  interrupt.abort();
});

// The reader of our output went away (`oracle-ai ask … | head -3`): stop the request (the API then
// cancels the model's work) and leave as a process ended by SIGPIPE would, quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    interrupt.abort();
    process.exit(EXIT.BROKEN_PIPE);
  });
}

runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: interrupt.signal,
  openBrowser: (url) => openBrowser(url),
  readStdin,
}).then((status) => {
  // Exit once the output is flushed, without waiting for idle keep-alive connections.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
});

async function readStdin(): Promise<string> {
  process.stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (Buffer.byteLength(text) > MAX_STDIN_BYTES) break;
  }
  return text;
}
