import { HttpClient, HttpEvent, HttpEventType, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiClient, withoutErrorNavigation } from '@oracle-ai/web/data-access-auth';
import { Observable, Subscriber, Subscription } from 'rxjs';
import type { ChatMessage } from '@oracle-ai/shared/util-api-contract';
import { AssistantError, failureOf, type AssistantFailure } from './assistant-failure';
import { CompletionStreamParser, type StreamStep } from './completion-stream-parser';

/**
 * How long the request may go on once the stream has said the answer is over (`[DONE]` or an
 * error event): the API ends the response right after, and aborting first would make a complete
 * answer look to the API like a reader who left.
 */
export const SETTLE_AFTER_END_MS = 2_000;

/**
 * The assistant (`POST /api/chat/completions`) as a stream of text. It goes through `HttpClient`
 * and so through the auth interceptors, like every API call: the access token, a fresh DPoP proof
 * for the POST, the single refresh and replay on 401. The API's failures stay on the page that
 * asked (no navigation to the error pages).
 */
@Injectable({ providedIn: 'root' })
export class AssistantClient {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiClient);

  /**
   * Asks for the answer to the last of `messages` (the conversation so far, oldest first). Emits
   * the answer's text piece by piece as it arrives; completes when the API says the answer is
   * complete; fails with an {@link AssistantError}, also after some text (the text stays the
   * caller's). Unsubscribing aborts the request, and the API then cancels the model's.
   */
  answer(messages: readonly ChatMessage[]): Observable<string> {
    return this.answerFrom('/api/chat/completions', { messages, stream: true });
  }

  /**
   * The same, from another API route that answers with the assistant's stream (such as the
   * analytics' explanations): `body` is that route's request.
   */
  answerFrom(path: `/api/${string}`, body: object): Observable<string> {
    return new Observable<string>((subscriber) => {
      const reading = new AnswerReading(subscriber);
      const request = this.http
        .post(this.api.url(path), body, {
          observe: 'events',
          reportProgress: true,
          responseType: 'text',
          headers: new HttpHeaders({ Accept: 'text/event-stream' }),
          ...withoutErrorNavigation(),
        })
        .subscribe({
          next: (event) => reading.read(event),
          error: (error: unknown) => reading.fail(failureOf(error, reading.answerStarted)),
        });
      return () => reading.release(request);
    });
  }
}

/** One answer being read; a replayed request (after a refresh, a nonce) starts it over. */
class AnswerReading {
  answerStarted = false;
  private parser = new CompletionStreamParser();
  private consumed = 0;
  private json = false;
  private ended = false;

  constructor(private readonly subscriber: Subscriber<string>) {}

  read(event: HttpEvent<string>): void {
    if (this.ended) return;
    switch (event.type) {
      case HttpEventType.ResponseHeader:
        // An error response is followed by its error, or by the replay's own headers.
        this.answerStarted = event.ok;
        this.parser = new CompletionStreamParser();
        this.consumed = 0;
        this.json = isJson(event.headers);
        return;
      case HttpEventType.DownloadProgress:
        if (this.answerStarted && !this.json) this.consume(event.partialText ?? '');
        return;
      case HttpEventType.Response:
        this.answerStarted = true;
        if (isJson(event.headers)) this.take(completionContent(event.body ?? ''));
        else this.consume(event.body ?? '');
        if (!this.ended) this.fail({ kind: 'cut' });
        return;
    }
  }

  fail(failure: AssistantFailure): void {
    if (this.ended) return;
    this.ended = true;
    this.subscriber.error(new AssistantError(failure));
  }

  /** Called on unsubscription: an answer still coming is aborted, a finished one may settle. */
  release(request: Subscription): void {
    if (!this.ended) {
      this.ended = true;
      request.unsubscribe();
      return;
    }
    const settled = setTimeout(() => request.unsubscribe(), SETTLE_AFTER_END_MS);
    request.add(() => clearTimeout(settled));
  }

  /** Reads the text received so far, from where the last call stopped. */
  private consume(received: string): void {
    const piece = received.slice(this.consumed);
    this.consumed = received.length;
    this.take(this.parser.push(piece));
  }

  private take(steps: readonly StreamStep[]): void {
    let text = '';
    for (const step of steps) {
      if (step.kind === 'text') {
        text += step.text;
        continue;
      }
      if (text !== '') this.subscriber.next(text);
      text = '';
      if (step.kind === 'done') {
        this.ended = true;
        this.subscriber.complete();
      } else {
        this.fail(step.failure);
      }
      return;
    }
    if (text !== '') this.subscriber.next(text);
  }
}

function isJson(headers: HttpHeaders): boolean {
  return (headers.get('Content-Type') ?? '').startsWith('application/json');
}

/** A `chat.completion` (an answer not streamed, e.g. from a proxy that buffers): its text, then done. */
function completionContent(body: string): StreamStep[] {
  let completion: unknown;
  try {
    completion = JSON.parse(body);
  } catch {
    return [{ kind: 'failed', failure: { kind: 'unreadable' } }];
  }
  const content = (completion as { choices?: { message?: { content?: unknown } }[] } | null)
    ?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return [{ kind: 'failed', failure: { kind: 'unreadable' } }];
  return [{ kind: 'text', text: content }, { kind: 'done' }];
}
