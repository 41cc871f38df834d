import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, Router } from '@angular/router';
import type { AnalyticsPanel } from '@oracle-ai/shared/util-api-contract';
import {
  analyticsDatabasesResource,
  analyticsPanelResource,
  analyticsProblem,
} from '@oracle-ai/web/data-access-analytics';
import { AccessStore } from '@oracle-ai/web/data-access-auth';
import { TimeSeriesChart, type TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import { ExplanationPanel } from '../explanation/explanation-panel/explanation-panel';
import { aasView } from '../figures/aas-view';
import { activityView } from '../figures/activity-view';
import { dbTimeView } from '../figures/db-time-view';
import { sessionsView } from '../figures/sessions-view';
import { tablespacesView } from '../figures/tablespaces-view';
import { topSqlView } from '../figures/top-sql-view';
import { PanelCard } from '../panels/panel-card/panel-card';
import { problemWords } from '../panels/problem-words';
import { TablespacesTable } from '../panels/tablespaces-table/tablespaces-table';
import { TopSqlTable } from '../panels/top-sql-table/top-sql-table';
import {
  queryOf,
  selectionFromQuery,
  spanOf,
  type AnalyticsSelection,
  type RangeChoice,
} from '../selection/analytics-selection';
import { DatabasePicker } from '../selection/database-picker/database-picker';
import { RangePicker } from '../selection/range-picker/range-picker';

/**
 * `/analytics`: the figures of one database over a time range — AAS by wait class against the
 * CPUs, DB time, activity, sessions, tablespaces and top SQL — for the databases the caller may
 * see. The database and the range live in the URL's query (`db`, `range` or `from` + `to`), so a
 * link shows the same figures to whoever may see them.
 */
@Component({
  selector: 'app-analytics-page',
  imports: [
    DatabasePicker,
    ExplanationPanel,
    MatButtonModule,
    PanelCard,
    RangePicker,
    TablespacesTable,
    TimeSeriesChart,
    TopSqlTable,
  ],
  templateUrl: './analytics-page.html',
  styleUrl: './analytics-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPage {
  /** Query parameters, bound by the router. */
  readonly db = input<string>();
  readonly range = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly access = inject(AccessStore);
  private readonly now = signal(Date.now());

  protected readonly databases = analyticsDatabasesResource();
  private readonly fromUrl = computed(() =>
    selectionFromQuery({ db: this.db(), range: this.range(), from: this.from(), to: this.to() }),
  );
  protected readonly linkProblem = computed(() => this.fromUrl().problem);
  protected readonly selection = computed(() => this.fromUrl().selection);
  protected readonly span = computed(() => spanOf(this.selection().range, this.now()), {
    // The same span asks nothing again (the URL gaining the default database, a refresh within the minute).
    equal: (a, b) => a.from === b.from && a.to === b.to,
  });
  protected readonly simulated = computed(
    () => this.databases.hasValue() && this.databases.value().simulated,
  );
  protected readonly databasesProblem = computed(() => {
    const error = this.databases.error();
    return error === undefined ? undefined : problemWords(analyticsProblem(error));
  });
  /** The database shown: the URL's, if the caller may see it; else the first one reporting. */
  protected readonly database = computed(() => {
    if (!this.databases.hasValue()) return undefined;
    const list = this.databases.value().databases;
    const wanted = this.selection().database;
    if (wanted !== undefined) return list.some(({ name }) => name === wanted) ? wanted : undefined;
    return (list.find(({ up }) => up) ?? list[0])?.name;
  });
  protected readonly missingDatabase = computed(() =>
    this.databases.hasValue() && this.database() === undefined
      ? this.selection().database
      : undefined,
  );
  protected readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  protected readonly aas = this.panel('aas-by-wait-class');
  protected readonly dbTime = this.panel('db-time');
  protected readonly activity = this.panel('activity');
  protected readonly sessions = this.panel('sessions');
  protected readonly tablespaces = this.panel('tablespaces');
  protected readonly topSql = this.panel('top-sql');

  protected readonly aasView = computed(() =>
    this.aas.hasValue() && this.dbTime.hasValue()
      ? aasView(this.aas.value(), this.dbTime.value())
      : undefined,
  );
  protected readonly dbTimeView = computed(() =>
    this.dbTime.hasValue() ? dbTimeView(this.dbTime.value()) : undefined,
  );
  protected readonly activityView = computed(() =>
    this.activity.hasValue() ? activityView(this.activity.value()) : undefined,
  );
  protected readonly sessionsView = computed(() =>
    this.sessions.hasValue() ? sessionsView(this.sessions.value()) : undefined,
  );
  /** The panels drawn alike: one time-series chart each, in this order. */
  protected readonly charts = [
    { heading: 'DB time and CPU', panel: this.dbTime, view: this.dbTimeView },
    { heading: 'Activity', panel: this.activity, view: this.activityView },
    { heading: 'Sessions', panel: this.sessions, view: this.sessionsView },
  ];
  protected readonly tablespacesView = computed(() =>
    this.tablespaces.hasValue() ? tablespacesView(this.tablespaces.value()) : undefined,
  );
  protected readonly topSqlView = computed(() =>
    this.topSql.hasValue() ? topSqlView(this.topSql.value()) : undefined,
  );

  /** Only the chat's users may ask the assistant (the API decides who they are). */
  protected readonly canExplain = computed(() => this.access.me()?.access.chat === true);
  /** The span selected on the AAS chart; a new database or range clears it. */
  protected readonly explainSpan = linkedSignal<TimeSpan | null>(() => {
    this.database();
    this.span();
    return null;
  });

  constructor() {
    // A database chosen by default is written into the URL, so the link says what is shown.
    effect(() => {
      const database = this.database();
      if (database !== undefined && this.selection().database === undefined) {
        this.navigate({ ...this.selection(), database }, true);
      }
    });
  }

  protected chooseDatabase(database: string): void {
    this.navigate({ ...this.selection(), database });
  }

  protected chooseRange(range: RangeChoice): void {
    this.now.set(Date.now());
    this.navigate({ ...this.selection(), range });
  }

  /** Asks again: a relative range moves up to now, every panel is read afresh. */
  protected refresh(): void {
    const before = this.span();
    this.now.set(Date.now());
    // A span that moved asks by itself; the same span is asked again here.
    if (this.span() !== before) return;
    for (const panel of [
      this.aas,
      this.dbTime,
      this.activity,
      this.sessions,
      this.tablespaces,
      this.topSql,
    ])
      panel.reload();
  }

  protected hasFigures(view: { series: { points: readonly unknown[] }[] }): boolean {
    return view.series.some((series) => series.points.length > 0);
  }

  private navigate(selection: AnalyticsSelection, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryOf(selection),
      replaceUrl,
    });
  }

  private panel(panel: AnalyticsPanel) {
    return analyticsPanelResource(() => {
      const database = this.database();
      if (database === undefined) return undefined;
      const { from, to } = this.span();
      return { database, panel, from, to };
    });
  }
}
