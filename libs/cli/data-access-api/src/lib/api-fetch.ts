/** A request to the API; the fetch that sends it adds the credentials. */
export interface ApiRequest {
  url: URL;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * Sends a request with the session's token (Bearer or DPoP) and returns the answer, whatever its
 * status; `authorizedFetch` of `@oracle-ai/cli/data-access-oauth` is one.
 */
export type ApiFetch = (request: ApiRequest) => Promise<Response>;
