import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findFreePort, readableBuildCopy } from '@oracle-ai/shared/testing-node-process';
import {
  isListening,
  listenersOn,
  listeningPorts,
  processTree,
  startHarnessed,
  survivors,
  waitFor,
} from './testing/run-harness';

jest.setTimeout(240_000);

const WORKSPACE = resolve(__dirname, '../../..');
const SPA_BUILD = 'dist/apps/web/browser';

/**
 * The stack's ports: every `${ORACLE_AI_<NAME>_PORT:-<default>}` its servers' `.env.serve-prod`
 * files name, whatever servers the stack has.
 */
function stackPortVariables(): string[] {
  const names = new Set<string>();
  for (const app of readdirSync(join(WORKSPACE, 'apps'))) {
    const file = join(WORKSPACE, 'apps', app, '.env.serve-prod');
    if (!existsSync(file)) continue;
    for (const [, name] of readFileSync(file, 'utf8').matchAll(
      /\$\{(ORACLE_AI_\w+_PORT):-\d+\}/g,
    )) {
      names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * `serve-prod` targets whose settings sit in `project.json`: its `env` wins over the caller's
 * environment, so their ports could not be moved and the test would bind the fixed ones.
 */
function serveProdTargetsWithFixedEnv(): string[] {
  return readdirSync(join(WORKSPACE, 'apps')).filter((app) => {
    const file = join(WORKSPACE, 'apps', app, 'project.json');
    if (!existsSync(file)) return false;
    const project = JSON.parse(readFileSync(file, 'utf8')) as {
      targets?: Record<string, { options?: { env?: object } }>;
    };
    return project.targets?.['serve-prod']?.options?.env !== undefined;
  });
}

/**
 * `npm run start:prod` as a test runner, CI or a process manager runs it: its own process group,
 * output read through pipes, every port moved to a free one (ORACLE_AI_*_PORT); then stopped by a
 * signal to the group, the reader going away at once. Every process the stack started must end
 * with it and leave its port free, so that the next start finds them free.
 */
describe('npm run start:prod under a harness', () => {
  it('takes every setting of its servers from their .env.serve-prod, ports named by variables', () => {
    expect(serveProdTargetsWithFixedEnv()).toEqual([]);
    expect(stackPortVariables()).toEqual(
      expect.arrayContaining(['ORACLE_AI_API_PORT', 'ORACLE_AI_IDP_PORT', 'ORACLE_AI_WEB_PORT']),
    );
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to its process group, its output closed: every process ends, every port is free',
    async (signal) => {
      // Never started with a server whose port cannot be moved: it would take the fixed one.
      expect(serveProdTargetsWithFixedEnv()).toEqual([]);
      const ports: Record<string, number> = {};
      for (const name of stackPortVariables()) ports[name] = await findFreePort();
      const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' };
      for (const [name, port] of Object.entries(ports)) env[name] = String(port);
      // Run by root from a checkout nginx's workers cannot read, the web server would refuse to
      // start (apps/web-server/src/spa-build.spec.ts): the stack serves a readable copy of the
      // SPA, built before this test by the target's dependencies.
      const spaCopy = readableBuildCopy(WORKSPACE, [SPA_BUILD]);
      if (spaCopy !== undefined) env['WEB_STATIC_ROOT'] = join(spaCopy, SPA_BUILD);
      const stack = startHarnessed('npm', ['run', 'start:prod'], { cwd: WORKSPACE, env });
      let started: ReturnType<typeof processTree> = [];
      try {
        await waitFor(
          async () => !(await Promise.all(Object.values(ports).map(isListening))).includes(false),
          () =>
            `every server of the stack on ${JSON.stringify(ports)}; its output:\n${stack.output().slice(-3_000)}`,
          180_000,
        );
        // The servers are wired to each other on the ports given.
        const web = `http://localhost:${ports['ORACLE_AI_WEB_PORT']}`;
        expect(await (await fetch(`${web}/config.json`)).json()).toMatchObject({
          issuer: `http://localhost:${ports['ORACLE_AI_IDP_PORT']}`,
          apiBaseUrl: `http://localhost:${ports['ORACLE_AI_API_PORT']}`,
        });
        started = processTree(stack.child.pid ?? 0);
        // No server on a port of its own choosing: a fixed one would collide with a running stack.
        expect(listeningPorts(started.map(({ pid }) => pid))).toEqual(
          Object.values(ports).sort((a, b) => a - b),
        );
        const commandLines = started.map(({ commandLine }) => commandLine).join('\n');
        expect(commandLines).toContain('nginx: master process');
        expect(commandLines).toContain('nginx: worker process');

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
        if (spaCopy !== undefined) rmSync(spaCopy, { recursive: true, force: true });
      }
    },
  );
});
