import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { type AnalyticsResource, isApiErrorBody } from '@oracle-ai/shared/util-api-contract';
import { ApiClient } from '@oracle-ai/web/data-access-auth';

/** The databases the caller may see, from `GET /api/analytics`. */
@Component({
  selector: 'app-analytics-page',
  templateUrl: './analytics-page.html',
  styleUrl: './analytics-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPage {
  private readonly api = inject(ApiClient);
  protected readonly analytics = httpResource<AnalyticsResource>(() =>
    this.api.url('/api/analytics'),
  );

  /** The API's own words when the figures source is missing or failing; a generic line otherwise. */
  protected readonly problem = computed(() => {
    const error = this.analytics.error();
    if (error === undefined) return undefined;
    const body = error instanceof HttpErrorResponse ? error.error : undefined;
    return isApiErrorBody(body) &&
      (body.code === 'analytics_unavailable' || body.code === 'analytics_timeout')
      ? body.message
      : 'The analytics could not be loaded.';
  });
}
