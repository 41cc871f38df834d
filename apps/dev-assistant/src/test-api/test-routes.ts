import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody } from '../http/read-json-body';
import { sendJson } from '../http/send-json';
import type { RequestLog } from './request-log';
import { parseScript } from './script';
import type { ScriptQueue } from './script-queue';

const SCRIPT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface TestState {
  scripts: ScriptQueue;
  log: RequestLog;
}

/** `POST /test/scripts` → 201 `{ id }`: queues a script for the next completion request. */
export async function handleAddScript(
  req: IncomingMessage,
  res: ServerResponse,
  state: TestState,
): Promise<void> {
  const script = parseScript(await readJsonBody(req, SCRIPT_BODY_LIMIT_BYTES));
  sendJson(res, 201, { id: state.scripts.add(script).id });
}

/** `GET /test/requests` → every completion request since the last reset, oldest first. */
export function handleListRequests(res: ServerResponse, state: TestState): void {
  sendJson(res, 200, state.log.all());
}

/** `POST /test/reset` → 204: no scripts waiting, an empty log. */
export function handleReset(res: ServerResponse, state: TestState): void {
  state.scripts.clear();
  state.log.clear();
  res.writeHead(204).end();
}
