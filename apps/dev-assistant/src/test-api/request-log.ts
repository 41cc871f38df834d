import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A completion request as `GET /test/requests` reports it; updated while it is answered. */
export interface RequestRecord {
  id: string;
  /** ISO 8601. */
  receivedAt: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The parsed JSON body; null when it was not read or not JSON. */
  body: unknown;
  /** The client closed the connection before the response was complete. */
  clientAborted: boolean;
  /** The response was ended and handed to the operating system in full (`finish`). */
  finished: boolean;
  /** Content pieces written (streamed), or carried by the body that was sent (not streamed). */
  chunksSent: number;
  /** The status sent, or null before (or without) the headers. */
  status: number | null;
  /** The script that shaped the answer, if any. */
  scriptId: string | null;
}

export function newRequestRecord(req: IncomingMessage): RequestRecord {
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
  private readonly records: RequestRecord[] = [];

  constructor(private readonly limit = 1000) {}

  add(record: RequestRecord): void {
    this.records.push(record);
    if (this.records.length > this.limit) this.records.shift();
  }

  all(): readonly RequestRecord[] {
    return this.records;
  }

  clear(): void {
    this.records.length = 0;
  }
}
