import { resolve } from 'node:path';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import {
  isListening,
  listenersOn,
  processTree,
  startHarnessed,
  survivors,
  waitFor,
} from './testing/run-harness';

jest.setTimeout(240_000);

const WORKSPACE = resolve(__dirname, '../../..');

/**
 * `npm run start:prod` as a test runner, CI or a process manager runs it: its own process group,
 * output read through pipes, on free ports (ORACLE_AI_*_PORT); then stopped by a signal to the
 * group, the reader going away at once. Every process the stack started must end with it and
 * leave its port free, so that the next start finds them free.
 */
describe('npm run start:prod under a harness', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to its process group, its output closed: every process ends, every port is free',
    async (signal) => {
      const ports = {
        ORACLE_AI_IDP_PORT: await findFreePort(),
        ORACLE_AI_API_PORT: await findFreePort(),
        ORACLE_AI_WEB_PORT: await findFreePort(),
      };
      const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' };
      for (const [name, port] of Object.entries(ports)) env[name] = String(port);
      const stack = startHarnessed('npm', ['run', 'start:prod'], { cwd: WORKSPACE, env });
      let started: ReturnType<typeof processTree> = [];
      try {
        const answers = async (url: string) => (await fetch(url).catch(() => undefined))?.ok;
        const idp = `http://localhost:${ports.ORACLE_AI_IDP_PORT}`;
        const api = `http://localhost:${ports.ORACLE_AI_API_PORT}`;
        const web = `http://localhost:${ports.ORACLE_AI_WEB_PORT}`;
        await waitFor(
          async () =>
            (await answers(`${idp}/.well-known/openid-configuration`)) === true &&
            (await answers(`${api}/healthz`)) === true &&
            (await answers(`${web}/config.json`)) === true,
          `the stack on ${JSON.stringify(ports)}; its output:\n${stack.output().slice(-3_000)}`,
          180_000,
        );
        // The servers are wired to each other on the ports given.
        expect(await (await fetch(`${web}/config.json`)).json()).toMatchObject({
          issuer: idp,
          apiBaseUrl: api,
        });
        started = processTree(stack.child.pid ?? 0);
        const commandLines = started.map(({ commandLine }) => commandLine).join('\n');
        expect(commandLines).toContain('nginx: master process');
        expect(commandLines).toContain('nginx: worker process');
        expect(commandLines).toContain('dist/apps/api/main.js');
        expect(commandLines).toContain('dist/apps/dev-idp/main.js');

        stack.signalGroup(signal);
        stack.closePipes();
        await waitFor(
          async () => {
            const listening = await Promise.all(Object.values(ports).map(isListening));
            return survivors(started).length === 0 && !listening.includes(true);
          },
          'every process of the stack to end and every port to be free',
          30_000,
        );
      } finally {
        // Never leave a stack behind, whatever failed: what is left of it, and whatever holds
        // one of its ports (an nginx worker re-spawned after the tree was read, for one).
        const left = [
          ...survivors(started).map(({ pid }) => pid),
          ...listenersOn(Object.values(ports)),
        ];
        for (const pid of new Set(left)) process.kill(pid, 'SIGKILL');
      }
    },
  );
});
