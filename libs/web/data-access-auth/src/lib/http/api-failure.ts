import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody, isApiErrorBody } from '@oracle-ai/shared/util-api-contract';

/** What a failed API call means for this app; the one place that reads API error statuses. */
export type ApiFailure =
  /** 401: the API refused the access token (missing, expired, revoked). */
  | { kind: 'unauthenticated' }
  /** 401 `use_dpop_nonce`: the token is fine, the DPoP proof lacked the API's current nonce. */
  | { kind: 'use_dpop_nonce' }
  /** 403: the token is fine but lacks a group; `requiredGroups` as named by the API, maybe none. */
  | { kind: 'denied'; requiredGroups: string[] }
  /** No answer, or the API (or its gateway) is down; `retryAfterS` when it said how long to wait. */
  | { kind: 'unavailable'; retryAfterS?: number }
  | { kind: 'other' };

const UNAVAILABLE_STATUSES = [0, 502, 503, 504];
/** The API answered, but a source one page reads from did not: that page says so itself. */
const PAGE_SOURCE_CODES: readonly string[] = ['analytics_unavailable', 'analytics_timeout'];

export function classifyApiFailure(error: unknown): ApiFailure {
  if (!(error instanceof HttpErrorResponse)) return { kind: 'other' };
  const body = apiErrorBodyOf(error);
  if (error.status === 401) {
    return body?.code === 'use_dpop_nonce'
      ? { kind: 'use_dpop_nonce' }
      : { kind: 'unauthenticated' };
  }
  if (error.status === 403) return { kind: 'denied', requiredGroups: requiredGroupsOf(body) };
  if (body !== null && PAGE_SOURCE_CODES.includes(body.code)) return { kind: 'other' };
  if (UNAVAILABLE_STATUSES.includes(error.status)) {
    const retryAfterS = retryAfterSeconds(error);
    return retryAfterS === undefined
      ? { kind: 'unavailable' }
      : { kind: 'unavailable', retryAfterS };
  }
  return { kind: 'other' };
}

/**
 * The API's error body of a failed call, whatever the request's `responseType`: a request for
 * text (a streamed answer) gets it as a string.
 */
export function apiErrorBodyOf(error: HttpErrorResponse): ApiErrorBody | null {
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  return isApiErrorBody(body) ? body : null;
}

/** `requiredGroups` of a 403 `group_required` body; none for any other 403. */
function requiredGroupsOf(body: ApiErrorBody | null): string[] {
  if (body?.code !== 'group_required') return [];
  return (body.requiredGroups ?? []).filter((group) => typeof group === 'string');
}

/** How long the API asked to wait (`Retry-After`, RFC 9110 §10.2.3: seconds or an HTTP date). */
export function retryAfterSeconds(error: HttpErrorResponse): number | undefined {
  const value = error.headers.get('Retry-After');
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
