import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DevAssistantRequest } from '@oracle-ai/shared/util-dev-assistant-test-api';

/** The record of a completion request just received, before it is read or answered. */
export function newRequestRecord(req: IncomingMessage): DevAssistantRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value !== undefined) headers[name] = value.join(', ');
  }
  return {
    id: `req-${randomBytes(8).toString('hex')}`,
    receivedAt: new Date().toISOString(),
    headers,
    body: null,
    clientAborted: false,
    finished: false,
    chunksSent: 0,
    status: null,
    scriptId: null,
  };
}

/** The last `limit` completion requests, oldest first (kept only with the test endpoints on). */
export class RequestLog {
  private readonly records: DevAssistantRequest[] = [];

  constructor(private readonly limit = 1000) {}

  add(record: DevAssistantRequest): void {
    this.records.push(record);
    if (this.records.length > this.limit) this.records.shift();
  }

  all(): readonly DevAssistantRequest[] {
    return this.records;
  }

  clear(): void {
    this.records.length = 0;
  }
}
