import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { formatValue } from '@oracle-ai/web/ui-time-series-chart';
import type { TablespaceRow } from '../../figures/tablespaces-view';

/** Tablespaces, fullest first: used percent at the end of the range, and the most during it. */
@Component({
  selector: 'app-tablespaces-table',
  templateUrl: './tablespaces-table.html',
  styleUrl: '../figures-table.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TablespacesTable {
  readonly rows = input.required<readonly TablespaceRow[]>();
  readonly summary = input.required<string>();
  protected readonly format = formatValue;
}
