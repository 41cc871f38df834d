import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { queryPrometheus } from '@oracle-ai/shared/testing-prometheus';
import type { Locator, Page } from '@playwright/test';
import { axeViolations } from './support/axe';
import { modelServer } from './support/chat';
import { expect, signIn, test } from './support/fixtures';
import { startWebServer, type RunningWebServer } from './support/web-server';
import { WORKSPACE_ROOT } from './support/workspace-root';

/** A zone half an hour off UTC: the page must convert both ways, and round its ticks, in it. */
const TIME_ZONE = 'Asia/Kolkata';
test.use({ timezoneId: TIME_ZONE });

/** finprod's lock storm (apps/dev-metrics): every 6 h from 04:20 UTC, for 12 minutes. */
const STORM = { periodS: 6 * 3600, startS: 4 * 3600 + 20 * 60, durationS: 12 * 60 };

/** The start of finprod's last lock storm that has ended, with a scrape or two after it. */
function lastStorm(nowS: number): number {
  let start = Math.floor((nowS - STORM.startS) / STORM.periodS) * STORM.periodS + STORM.startS;
  while (start + STORM.durationS + 120 > nowS) start -= STORM.periodS;
  return start;
}

/** What a `datetime-local` field shows for an instant, in the browser's zone. */
function localField(unixSeconds: number): string {
  return new Date(unixSeconds * 1000)
    .toLocaleString('sv-SE', { timeZone: TIME_ZONE, hour12: false })
    .slice(0, 16)
    .replace(' ', 'T');
}

async function openAnalytics(page: Page, user: string): Promise<void> {
  await page.goto('/analytics');
  await signIn(page, user);
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
}

/** finprod over the span around its last lock storm, picked with the pickers. */
async function openStorm(
  page: Page,
  user: string,
): Promise<{ storm: number; from: number; to: number }> {
  const storm = lastStorm(Math.floor(Date.now() / 1000));
  const [from, to] = [storm - 30 * 60, storm + 42 * 60];
  await openAnalytics(page, user);
  await choose(page, 'Database', /^finprod/);
  await choose(page, 'Time range', /^Custom range/);
  const custom = page.getByRole('group', { name: 'Custom range' });
  await custom.getByLabel('From').fill(localField(from));
  await custom.getByLabel('To').fill(localField(to));
  await page.getByRole('button', { name: 'Show this range' }).click();
  return { storm, from, to };
}

/** axe's serious and critical findings: what must be fixed. */
async function blockingViolations(page: Page) {
  return (await axeViolations(page)).filter(
    ({ impact }) => impact === 'serious' || impact === 'critical',
  );
}

async function choose(page: Page, field: string, option: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option }).click();
}

async function databaseOptions(page: Page): Promise<string[]> {
  await page.getByRole('combobox', { name: 'Database' }).click();
  const names = (await page.getByRole('option').allTextContents()).map(
    (text) => text.trim().split(/\s+/)[0],
  );
  await page.keyboard.press('Escape');
  return names;
}

/** The table view of a chart: its columns, and each row's instant and exact figures. */
async function readTable(card: Locator) {
  await card.getByRole('button', { name: 'Show as a table' }).click();
  const table = card.getByRole('table');
  await expect(table).toBeVisible();
  const columns = (await table.locator('thead th').allTextContents()).map((t) => t.trim()).slice(1);
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      time: Date.parse(tr.querySelector('time')?.getAttribute('datetime') ?? '') / 1000,
      values: Array.from(tr.querySelectorAll('td'), (td) => {
        const value = td.querySelector('data')?.getAttribute('value');
        return value === undefined || value === null ? null : Number(value);
      }),
    })),
  );
  return { columns, rows };
}

/** How many pixels of a canvas are painted: a chart that drew is not blank. */
function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext('2d');
    if (context === null) return 0;
    const { data } = context.getImageData(0, 0, element.width, element.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted;
  });
}

test.describe('analytics', () => {
  test('alice picks finprod and the range of its lock storm, reads AAS by wait class with the storm in it, and the figures are Prometheus’s own', async ({
    page,
    urls,
  }) => {
    const prometheus = urls.prometheusUrl;
    if (prometheus === undefined) throw new Error('this stack has no figures source');

    let storm = 0;
    let [from, to] = [0, 0];
    await test.step('pick the database and a custom range', async () => {
      ({ storm, from, to } = await openStorm(page, 'alice'));
      await expect(page.getByRole('note')).toContainText('Simulated figures.');
      const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
      await expect(page).toHaveURL(`/analytics?db=finprod&from=${iso(from)}&to=${iso(to)}`);
      expect(to - from).toBe(72 * 60);
      expect(storm - from).toBe(30 * 60);
    });

    const aas = page.getByRole('region', { name: 'Average active sessions by wait class' });
    await test.step('the storm is in the chart, said in its summary', async () => {
      const canvas = aas.getByRole('img', { name: 'Average active sessions by wait class' });
      await expect(canvas).toHaveAccessibleDescription(
        /^Peak \d+\.\d+ average active sessions at .+, above the 8\.00 CPUs\. Largest wait class: Application, \d+\.\d+ on average \(CPU \d+\.\d+\)\.$/,
      );
      await expect.poll(() => paintedPixels(canvas)).toBeGreaterThan(10_000);
      await expect(aas.getByRole('list', { name: /^Key of/ }).getByRole('listitem')).toContainText([
        'CPU',
        'User I/O',
        'Application',
        'CPUs',
      ]);
    });

    await test.step('its table holds what Prometheus answers for the same queries', async () => {
      const { columns, rows } = await readTable(aas);
      const step = rows[1].time - rows[0].time;
      expect([rows[0].time, step]).toEqual([from, 15]);
      const window = `${Math.max(step, 120)}s`;
      const classes: Record<string, string> = {
        'User I/O': 'user_io',
        'System I/O': 'system_io',
        Application: 'application',
        Concurrency: 'concurrency',
        Commit: 'commit',
        Cluster: 'cluster',
        Configuration: 'configuration',
        Network: 'network',
        Other: 'other',
        Scheduler: 'scheduler',
        Administrative: 'administrative',
        Queueing: 'queueing',
      };
      const queryOf = (column: string) =>
        column === 'CPU'
          ? `sum(rate(oracledb_time_model_db_cpu{database="finprod"}[${window}]))`
          : column === 'CPUs'
            ? `sum(max_over_time(oracledb_cpu_count{database="finprod"}[${window}]))`
            : `sum(rate(oracledb_wait_time_${classes[column]}{database="finprod"}[${window}]))`;
      for (const [index, column] of columns.entries()) {
        const [series] = await queryPrometheus(prometheus, queryOf(column), {
          start: from,
          end: to,
          step,
        });
        const expected = (series?.values ?? []).map(([t, v]) => [t, Number(v)]);
        const shown = rows
          .filter((row) => row.values[index] !== null)
          .map((row) => [row.time, row.values[index]]);
        expect([column, shown]).toEqual([column, expected]);
      }
      // A class left out of the chart had nothing in the range.
      for (const [label, waitClass] of Object.entries(classes)) {
        if (columns.includes(label)) continue;
        const [series] = await queryPrometheus(
          prometheus,
          `sum(rate(oracledb_wait_time_${waitClass}{database="finprod"}[${window}]))`,
          { start: from, end: to, step },
        );
        expect([label, (series?.values ?? []).some(([, v]) => Number(v) !== 0)]).toEqual([
          label,
          false,
        ]);
      }
      const application = columns.indexOf('Application');
      const peak = Math.max(...rows.map((row) => row.values[application] ?? 0));
      expect(peak).toBeGreaterThan(3);
    });

    await test.step('the other panels are drawn and summarised', async () => {
      for (const name of [
        'DB time and DB CPU against the CPUs',
        'Activity per second',
        'Sessions by status and type',
      ]) {
        await expect(page.getByRole('img', { name })).toHaveAccessibleDescription(/\d/);
      }
      await expect(page.getByRole('region', { name: 'Tablespaces', exact: true })).toContainText(
        'Fullest at the end of the range:',
      );
      // The cursors Prometheus has for the range, at most ten: how many ran in it depends on the
      // time of day the storm fell (the nightly batch's SQL, for one).
      const cursors = await queryPrometheus(
        prometheus,
        `topk(10, sum by (sql_id) (increase(oracledb_top_sql_elapsed{database="finprod"}[${to - from}s])))`,
        { time: to },
      );
      expect(cursors.length).toBeGreaterThanOrEqual(5);
      await expect(
        page.getByRole('region', { name: 'Top SQL', exact: true }).getByRole('row'),
      ).toHaveCount(cursors.length + 1);
    });
  });

  test('explain this spike: alice selects the storm, the assistant is given its figures and its answer streams next to them', async ({
    page,
    urls,
  }) => {
    const model = modelServer(urls);
    await model.reset();
    const { storm } = await openStorm(page, 'alice');
    const aas = page.getByRole('img', { name: 'Average active sessions by wait class' });
    await expect(aas).toBeVisible();
    const range = page.getByRole('group', { name: 'Range to explain' });

    await test.step('a drag across the chart selects a span, shown in the fields', async () => {
      const box = await aas.boundingBox();
      if (box === null) throw new Error('the chart has no box');
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.45, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.55, y, { steps: 5 });
      await page.mouse.up();
      await expect(range.getByLabel('From')).not.toHaveValue('');
      await expect(range.getByLabel('To')).not.toHaveValue('');
    });

    await test.step('the keyboard sets the storm exactly, and asks', async () => {
      await range.getByLabel('From').fill(localField(storm - 2 * 60));
      await range.getByLabel('To').fill(localField(storm + 14 * 60));
      await range.getByLabel('To').press('Tab');
      await page.getByRole('button', { name: 'Ask the assistant' }).click();
    });

    const figures = page.getByRole('region', { name: 'Figures given to the assistant' });
    const explanation = page.getByRole('region', { name: "The assistant's explanation" });
    await test.step('the figures it is given, and its explanation, as it is written', async () => {
      await expect(figures).toContainText('Evidence for database "finprod"');
      await expect(figures.getByRole('cell', { name: 'Application', exact: true })).toBeVisible();
      await expect(explanation).toContainText('Dev model server, not a language model');
      await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    });

    await test.step('the model server was asked with those figures, and never alice’s token', async () => {
      const [request] = await model.requests();
      const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
      expect(messages.map(({ role }) => role)).toEqual(['system', 'user']);
      expect(messages[1].content).toContain('The largest wait class was Application.');
      const shown = await figures.getByRole('row').allTextContents();
      expect(shown.length).toBeGreaterThan(5);
      expect(messages[0].content).toMatch(/<evidence>\n## Evidence for database "finprod"\n/);
      expect(messages[0].content).toMatch(/\| Application \| \d+\.\d\d \| \d+\.\d\d \(/);
      expect(JSON.stringify(request.headers)).not.toMatch(/eyJ/);
      expect(JSON.stringify(request.body)).not.toMatch(/eyJ/);
    });

    await test.step('axe finds nothing serious, wide with a table shown and at 360 px', async () => {
      const card = page.getByRole('region', { name: 'Average active sessions by wait class' });
      await card.getByRole('button', { name: 'Show as a table' }).click();
      expect(await blockingViolations(page)).toEqual([]);
      // Its 289 rows take axe seconds to check: once is enough.
      await card.getByRole('button', { name: 'Hide the table' }).click();
      await page.setViewportSize({ width: 360, height: 780 });
      expect(await blockingViolations(page)).toEqual([]);
      // The figures' tables scroll in their own groups: the page itself does not.
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBe(0);
    });
  });

  test('bob sees only the databases his groups allow; dave, in oracle-ai-admins, sees dwh', async ({
    page,
    browser,
  }) => {
    await openAnalytics(page, 'bob');
    await expect(page).toHaveURL(/\/analytics\?db=finprod&range=1h$/);
    expect(await databaseOptions(page)).toEqual(['finprod', 'paycdb']);
    // The pickers work from the keyboard alone.
    await page.getByRole('combobox', { name: 'Database' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/analytics\?db=paycdb&range=24h$/);
    await page.goto('/analytics?db=dwh');
    await expect(page.getByRole('heading', { level: 2, name: 'Database not found' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Average active sessions by wait class' }),
    ).toHaveCount(0);

    const daves = await browser.newContext({ timezoneId: TIME_ZONE });
    const davesPage = await daves.newPage();
    await openAnalytics(davesPage, 'dave');
    expect(await databaseOptions(davesPage)).toEqual(['dwh', 'finprod', 'paycdb']);
    await daves.close();
  });

  test('at 360 px wide the page fits, pickers and charts included', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openAnalytics(page, 'alice');
    await expect(
      page.getByRole('img', { name: 'Average active sessions by wait class' }),
    ).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });
});

/** Its own API, whose figures source is a port nobody answers on, with its own IdP and web server. */
test.describe('analytics with the figures source down', () => {
  let idp: RunningDevIdp | undefined;
  let api: RunningApi | undefined;
  let web: RunningWebServer | undefined;

  test.afterEach(async () => {
    await web?.stop();
    await api?.stop();
    await idp?.stop();
  });

  test('the page says so in plain words, and that it will help to wait', async ({ page }) => {
    // A free port: nothing listens there, so every connection is refused.
    const sourcePort = await findFreePort();
    const webPort = await findFreePort();
    const webOrigin = `http://localhost:${webPort}`;
    idp = await startDevIdp({ webOrigins: [webOrigin], dpop: false });
    api = await startApi({
      workspaceRoot: WORKSPACE_ROOT,
      port: await findFreePort(),
      issuer: idp.issuer,
      urlHost: 'localhost',
      env: {
        CORS_ORIGINS: webOrigin,
        ANALYTICS_PROMETHEUS_URL: `http://127.0.0.1:${sourcePort}`,
      },
    });
    web = await startWebServer({
      workspaceRoot: WORKSPACE_ROOT,
      port: webPort,
      env: {
        WEB_ISSUER: idp.issuer,
        WEB_CLIENT_ID: 'oracle-ai-web',
        WEB_API_BASE_URL: api.url,
        WEB_SCOPE: 'openid profile email',
      },
    });
    await page.goto(`${webOrigin}/analytics`);
    await signIn(page, 'bob');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { level: 2 })).toHaveText(
      'The figures are unavailable',
    );
    await expect(alert).toContainText(
      'The figures source cannot be reached or is failing; retry later (the API suggests waiting 10 s).',
    );
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(page).toHaveURL(`${webOrigin}/analytics`);
  });
});
