import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const NGINX = '/usr/sbin/nginx';
const DEPLOY = resolve(__dirname, '../../deploy/nginx');

export interface NginxProcess {
  url: string;
  /** Its error log, for failure messages. */
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Runs Debian's nginx in the foreground as the shipped example configures it: the upstream block
 * of `deploy/nginx/api-upstream.conf` with its `server` lines pointed at `ports` (their parameters
 * kept), and `deploy/nginx/api-proxy.conf` as the location. Every path nginx writes is under a
 * temporary directory. Responses say which instance served them (`X-Upstream`), for the test only.
 */
export async function startNginx(
  ports: readonly number[],
  listenPort: number,
): Promise<NginxProcess> {
  if (!existsSync(NGINX)) {
    throw new Error(`${NGINX} is missing: apt-get install nginx-light (.ci/run does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'oracle-ai-nginx-'));
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const upstream = readFileSync(join(DEPLOY, 'api-upstream.conf'), 'utf8');
  const serverLine = /^( *)server \S+((?: [^;]*)?);\n/gm;
  const first = serverLine.exec(upstream);
  if (first === null) throw new Error('api-upstream.conf has no server lines');
  const [, indent, parameters] = first;
  let replaced = false;
  // The example's server lines, all of them, become one per port, with the example's parameters.
  const rendered = upstream.replace(serverLine, () => {
    if (replaced) return '';
    replaced = true;
    return ports.map((port) => `${indent}server 127.0.0.1:${port}${parameters};\n`).join('');
  });
  writeFileSync(join(dir, 'api-upstream.conf'), rendered);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/api-upstream.conf;
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      include ${join(DEPLOY, 'api-proxy.conf')};
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const errorLog = () => {
    const file = join(dir, 'error.log');
    return output + (existsSync(file) ? readFileSync(file, 'utf8') : '');
  };
  const url = `http://127.0.0.1:${listenPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errorLog()}`);
    try {
      await fetch(`${url}/healthz`);
      return { url, errorLog, stop };
    } catch {
      await sleep(50);
    }
  }
  await stop();
  throw new Error(`nginx did not listen on ${url}: ${errorLog()}`);
}
