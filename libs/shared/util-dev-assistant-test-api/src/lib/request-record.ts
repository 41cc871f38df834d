/** A completion request as `GET /test/requests` reports it; updated while it is answered. */
export interface DevAssistantRequest {
  id: string;
  /** ISO 8601. */
  receivedAt: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The parsed JSON body; null when it was not read or not JSON. */
  body: unknown;
  /** The client closed the connection before the response was complete. */
  clientAborted: boolean;
  /** The response was ended and handed to the operating system in full. */
  finished: boolean;
  /** Content pieces written (streamed), or carried by the body that was sent (not streamed). */
  chunksSent: number;
  /** The status sent; null before (or without) the headers. */
  status: number | null;
  /** The script that shaped the answer, if any. */
  scriptId: string | null;
}
