import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { formatTime, formatValue } from '@oracle-ai/web/ui-time-series-chart';
import type { TopSqlRow } from '../../figures/top-sql-view';

/** The statements with the most elapsed time over the range, by `sql_id` (never their text). */
@Component({
  selector: 'app-top-sql-table',
  templateUrl: './top-sql-table.html',
  styleUrl: '../figures-table.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopSqlTable {
  readonly rows = input.required<readonly TopSqlRow[]>();
  readonly summary = input.required<string>();
  /** The range's length, for the peak's time (the clock alone within a day). */
  readonly spanS = input.required<number>();
  protected readonly format = formatValue;
  protected readonly formatTime = formatTime;
  protected iso(unixSeconds: number): string {
    return new Date(unixSeconds * 1000).toISOString();
  }
}
