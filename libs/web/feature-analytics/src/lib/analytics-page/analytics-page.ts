import { DatePipe, DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AnalyticsResource } from '@oracle-ai/shared/util-api-contract';
import { ApiClient } from '@oracle-ai/web/data-access-auth';

/** Database performance metrics from `GET /api/analytics`. */
@Component({
  selector: 'app-analytics-page',
  imports: [DatePipe, DecimalPipe],
  templateUrl: './analytics-page.html',
  styleUrl: './analytics-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPage {
  private readonly api = inject(ApiClient);
  protected readonly analytics = httpResource<AnalyticsResource>(() =>
    this.api.url('/api/analytics'),
  );
}
