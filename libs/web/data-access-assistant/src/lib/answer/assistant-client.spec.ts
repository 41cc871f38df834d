import {
  HttpErrorResponse,
  HttpEventType,
  HttpHeaderResponse,
  HttpHeaders,
  HttpInterceptorFn,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NAVIGATE_ON_API_ERROR, RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { catchError, retry, throwError } from 'rxjs';
import { AssistantClient, SETTLE_AFTER_END_MS } from './assistant-client';
import { AssistantError, type AssistantFailure } from './assistant-failure';

const API = 'https://api.example.com';
const URL = `${API}/api/chat/completions`;
const MESSAGES = [{ role: 'user' as const, content: 'What is log file sync?' }];

function delta(content: string): string {
  return `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
}
const DONE = 'data: [DONE]\n\n';
const EVENT_STREAM = { 'Content-Type': 'text/event-stream; charset=utf-8' };

/** What the page saw of one answer. */
interface Seen {
  pieces: string[];
  completed: boolean;
  failure: AssistantFailure | null;
}

function setUp(interceptors: HttpInterceptorFn[] = []) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors(interceptors)),
      provideHttpClientTesting(),
      { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: API } },
    ],
  });
  return {
    client: TestBed.inject(AssistantClient),
    backend: TestBed.inject(HttpTestingController),
  };
}

function ask(client: AssistantClient) {
  const seen: Seen = { pieces: [], completed: false, failure: null };
  const subscription = client.answer(MESSAGES).subscribe({
    next: (piece) => seen.pieces.push(piece),
    complete: () => (seen.completed = true),
    error: (error: unknown) => (seen.failure = (error as AssistantError).failure),
  });
  return { seen, subscription };
}

/** The API's response as the fetch backend reports it: headers, then the body as it grows. */
function stream(
  request: TestRequest,
  pieces: string[],
  headers: Record<string, string> = EVENT_STREAM,
) {
  request.event(new HttpHeaderResponse({ status: 200, headers: new HttpHeaders(headers) }));
  let received = '';
  for (const piece of pieces) {
    received += piece;
    request.event({
      type: HttpEventType.DownloadProgress,
      loaded: received.length,
      partialText: received,
    });
  }
  return received;
}

describe('AssistantClient', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('posts the conversation for a streamed answer, keeping failures on the page', () => {
    const { client, backend } = setUp();
    ask(client);
    const request = backend.expectOne(URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ messages: MESSAGES, stream: true });
    expect(request.request.headers.get('Accept')).toBe('text/event-stream');
    expect(request.request.responseType).toBe('text');
    expect(request.request.reportProgress).toBe(true);
    expect(request.request.context.get(NAVIGATE_ON_API_ERROR)).toBe(false);
    request.flush(DONE);
  });

  it('reads the same stream from another route that answers with the assistant', () => {
    const { client, backend } = setUp();
    const pieces: string[] = [];
    let completed = false;
    client
      .answerFrom('/api/analytics/databases/finprod/explanations', { from: 1, to: 2 })
      .subscribe({ next: (piece) => pieces.push(piece), complete: () => (completed = true) });
    const request = backend.expectOne(`${API}/api/analytics/databases/finprod/explanations`);
    expect([request.request.method, request.request.body]).toEqual(['POST', { from: 1, to: 2 }]);
    expect(request.request.context.get(NAVIGATE_ON_API_ERROR)).toBe(false);
    request.flush(delta('Application waits') + DONE, { headers: EVENT_STREAM });
    expect([pieces, completed]).toEqual([['Application waits'], true]);
  });

  it('emits the text as it arrives and completes at [DONE]', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    const received = stream(request, [delta('Log file '), delta('sync')]);
    expect(seen).toEqual({ pieces: ['Log file ', 'sync'], completed: false, failure: null });
    request.event({
      type: HttpEventType.DownloadProgress,
      loaded: 0,
      partialText: received + DONE,
    });
    expect(seen).toEqual({ pieces: ['Log file ', 'sync'], completed: true, failure: null });
    request.flush(received + DONE);
  });

  it('reads a body cut anywhere into progress events', () => {
    const { client, backend } = setUp();
    const body = delta('one ') + delta('two 😀') + DONE;
    for (let cut = 1; cut < body.length; cut++) {
      const { seen } = ask(client);
      const request = backend.expectOne(URL);
      stream(request, [body.slice(0, cut), body.slice(cut)]);
      expect([cut, seen.pieces.join(''), seen.completed]).toEqual([cut, 'one two 😀', true]);
      request.flush(body);
    }
  });

  it('reads the rest of the body from the final response when progress lagged behind', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    const received = stream(request, [delta('a')]);
    request.flush(received + delta('b') + DONE);
    expect(seen).toEqual({ pieces: ['a', 'b'], completed: true, failure: null });
  });

  it('fails as cut when the stream ends without [DONE], after the text that came', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    request.flush(stream(request, [delta('Half an ')]));
    expect(seen).toEqual({ pieces: ['Half an '], completed: false, failure: { kind: 'cut' } });
  });

  it('fails as the error event says, after the text that came', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    const error = 'data: {"error":{"code":"assistant_timeout","message":"too slow"}}\n\n';
    stream(request, [delta('Partial'), error]);
    expect(seen).toEqual({ pieces: ['Partial'], completed: false, failure: { kind: 'timeout' } });
    request.flush('');
  });

  it('fails as cut when the connection breaks in the middle of the answer', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    stream(request, [delta('Partial')]);
    request.error(new ProgressEvent('error'));
    expect(seen).toEqual({ pieces: ['Partial'], completed: false, failure: { kind: 'cut' } });
  });

  it('fails as offline when no answer comes at all', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    backend.expectOne(URL).error(new ProgressEvent('error'));
    expect(seen.failure).toEqual({ kind: 'offline' });
  });

  it.each<[number, Record<string, string>, unknown, AssistantFailure]>([
    [
      429,
      { 'Retry-After': '12' },
      { code: 'rate_limited' },
      { kind: 'rate_limited', retryAfterS: 12 },
    ],
    [
      503,
      { 'Retry-After': '5' },
      { code: 'assistant_unavailable' },
      { kind: 'unavailable', retryAfterS: 5 },
    ],
    [503, {}, { code: 'overloaded' }, { kind: 'unavailable' }],
    [502, {}, '<html>Bad gateway</html>', { kind: 'unavailable' }],
    [504, {}, { code: 'assistant_timeout' }, { kind: 'timeout' }],
    [
      400,
      {},
      { statusCode: 400, error: 'Bad Request', code: 'invalid_request', message: 'No messages' },
      { kind: 'refused', message: 'No messages' },
    ],
    [413, {}, 'too large', { kind: 'refused' }],
    [403, {}, { code: 'group_required' }, { kind: 'denied' }],
    [401, {}, { code: 'token_expired' }, { kind: 'signed_out' }],
    [500, {}, { code: 'internal_error' }, { kind: 'failed', status: 500 }],
  ])('reads a %s refusal', (status, headers, body, failure) => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    // As the fetch backend reports an error response: headers, the body's progress, the error.
    request.event(new HttpHeaderResponse({ status, headers: new HttpHeaders(headers) }));
    request.event({
      type: HttpEventType.DownloadProgress,
      loaded: text.length,
      partialText: `data: ${text}`,
    });
    request.flush(text, { status, statusText: 'Refused', headers });
    expect(seen).toEqual({ pieces: [], completed: false, failure });
  });

  it('reads only the replay after an interceptor retried (a refresh, a DPoP nonce)', () => {
    const replayOnce: HttpInterceptorFn = (req, next) =>
      next(req).pipe(
        retry({
          count: 1,
          delay: (error) => (error.status === 401 ? [0] : throwError(() => error)),
        }),
      );
    const { client, backend } = setUp([replayOnce]);
    const { seen } = ask(client);
    const first = backend.expectOne(URL);
    first.event(new HttpHeaderResponse({ status: 401 }));
    first.event({
      type: HttpEventType.DownloadProgress,
      loaded: 9,
      partialText: delta('not text'),
    });
    first.flush('{"code":"token_expired"}', { status: 401, statusText: 'Unauthorized' });
    const replay = backend.expectOne(URL);
    replay.flush(stream(replay, [delta('The answer'), DONE]));
    expect(seen).toEqual({ pieces: ['The answer'], completed: true, failure: null });
  });

  it('reads an answer sent whole as a chat.completion', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    const body = JSON.stringify({
      choices: [{ message: { role: 'assistant', content: 'Whole' } }],
    });
    stream(request, [body], { 'Content-Type': 'application/json' });
    request.flush(body, { headers: { 'Content-Type': 'application/json' } });
    expect(seen).toEqual({ pieces: ['Whole'], completed: true, failure: null });
  });

  it('fails as unreadable for a success it cannot read', () => {
    const { client, backend } = setUp();
    const { seen } = ask(client);
    const request = backend.expectOne(URL);
    request.flush('<html>proxy</html>', { headers: { 'Content-Type': 'application/json' } });
    expect(seen.failure).toEqual({ kind: 'unreadable' });
  });

  it('aborts the request when the answer is no longer wanted', () => {
    const { client, backend } = setUp();
    const { subscription } = ask(client);
    const request = backend.expectOne(URL);
    stream(request, [delta('Partial')]);
    subscription.unsubscribe();
    expect(request.cancelled).toBe(true);
  });

  it('lets a complete answer settle before the request is let go', () => {
    jest.useFakeTimers();
    try {
      const { client, backend } = setUp();
      ask(client);
      const request = backend.expectOne(URL);
      stream(request, [delta('All'), DONE]);
      expect(request.cancelled).toBe(false);
      jest.advanceTimersByTime(SETTLE_AFTER_END_MS);
      expect(request.cancelled).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails with an AssistantError, an Error', () => {
    const { client, backend } = setUp();
    let failure: unknown;
    client
      .answer(MESSAGES)
      .pipe(catchError((error: unknown) => [(failure = error)]))
      .subscribe();
    backend.expectOne(URL).error(new ProgressEvent('error'));
    expect(failure).toBeInstanceOf(AssistantError);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(HttpErrorResponse);
  });
});
