import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AnalyticsEvidence } from '@oracle-ai/shared/util-api-contract';
import { AssistantClient } from '@oracle-ai/web/data-access-assistant';
import { ApiClient } from '@oracle-ai/web/data-access-auth';
import type { Observable } from 'rxjs';

/** A span of time in unix seconds. */
export interface Window {
  from: number;
  to: number;
}

/**
 * "Explain this spike": the figures the assistant is given for a window of a database, and its
 * explanation of them. Both through the auth interceptors like every API call; the window is all
 * the page sends — the API reads the figures itself.
 */
@Injectable({ providedIn: 'root' })
export class ExplanationClient {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiClient);
  private readonly assistant = inject(AssistantClient);

  /** `GET /api/analytics/databases/:db/evidence?from&to`: the evidence pack, to show as it is. */
  evidence(database: string, window: Window): Observable<AnalyticsEvidence> {
    return this.http.get<AnalyticsEvidence>(
      this.api.url(`/api/analytics/databases/${encodeURIComponent(database)}/evidence`),
      { params: { from: String(window.from), to: String(window.to) } },
    );
  }

  /**
   * `POST /api/analytics/databases/:db/explanations`: the explanation's text as it is written,
   * read as the chat's answers are (fails with an `AssistantError`; unsubscribing stops it).
   */
  explain(database: string, window: Window): Observable<string> {
    return this.assistant.answerFrom(
      `/api/analytics/databases/${encodeURIComponent(database)}/explanations`,
      { from: window.from, to: window.to },
    );
  }
}
