import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Environment variables as the process got them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * `$XDG_CONFIG_HOME/oracle-ai`, or `~/.config/oracle-ai`. A relative `XDG_CONFIG_HOME` is ignored,
 * as the XDG Base Directory specification asks: it would put tokens wherever the command happens
 * to run.
 */
export function sessionDirectory(env: Env, home: string = homedir()): string {
  const configured = env['XDG_CONFIG_HOME'];
  const base = configured && isAbsolute(configured) ? configured : join(home, '.config');
  return join(base, 'oracle-ai');
}
