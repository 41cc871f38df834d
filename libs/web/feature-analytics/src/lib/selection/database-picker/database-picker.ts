import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { AnalyticsDatabase } from '@oracle-ai/shared/util-api-contract';

/** The databases the caller may see, each saying whether its exporter reports it up. */
@Component({
  selector: 'app-database-picker',
  imports: [MatFormFieldModule, MatSelectModule],
  templateUrl: './database-picker.html',
  styleUrl: './database-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DatabasePicker {
  readonly databases = input.required<readonly AnalyticsDatabase[]>();
  readonly database = input<string | undefined>();
  readonly databaseChange = output<string>();
}
