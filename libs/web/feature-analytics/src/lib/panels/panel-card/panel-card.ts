import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { analyticsProblem } from '@oracle-ai/web/data-access-analytics';
import { problemWords } from '../problem-words';

let nextId = 0;

/**
 * One panel of the page: its heading, a progress bar while its figures load (what was shown
 * stays), and in place of its content the problem, in words, with "Try again".
 */
@Component({
  selector: 'app-panel-card',
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule],
  templateUrl: './panel-card.html',
  styleUrl: './panel-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.aria-labelledby]': 'headingId', role: 'region' },
})
export class PanelCard {
  readonly heading = input.required<string>();
  readonly loading = input(false);
  readonly error = input<unknown>(undefined);
  readonly retry = output<void>();

  protected readonly headingId = `panel-card-${nextId++}`;
  protected readonly problem = computed(() => {
    const error = this.error();
    return error === undefined ? undefined : problemWords(analyticsProblem(error));
  });
}
