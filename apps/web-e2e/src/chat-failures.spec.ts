import { answerOver, ask, modelServer, openChat, turn } from './support/chat';
import { expect, test } from './support/fixtures';
import { CHAT_TIMEOUT_S } from './support/stack';

test.describe('chat failures, in plain words', () => {
  test.beforeEach(async ({ urls }) => {
    await modelServer(urls).reset();
  });

  test('unavailable, too slow, interrupted, cut, offline: each said, what arrived kept', async ({
    page,
    urls,
  }) => {
    test.slow();
    const model = modelServer(urls);
    await openChat(page);

    // The model server refuses (its own 429): the API answers 503 with the wait it asked for.
    await model.script({ status: 429, retryAfterS: 7, errorMessage: 'quota of the gateway' });
    await ask(page, 'Question one?');
    await expect(turn(page)).toContainText(
      'The assistant is unavailable right now. Wait 7 seconds, then retry.',
    );
    await expect(turn(page)).not.toContainText('quota');

    // Nothing from the model server within CHAT_TIMEOUT_S: 504.
    await model.script({ chunks: ['late'], firstChunkDelayMs: (CHAT_TIMEOUT_S + 3) * 1000 });
    await ask(page, 'Question two?');
    await expect(turn(page)).toContainText('The assistant took too long to answer.', {
      timeout: (CHAT_TIMEOUT_S + 5) * 1000,
    });

    // The model server's stream ends without [DONE]: the API's error event ends the answer.
    await model.script({ chunks: ['Half of ', 'an answer'], end: 'cut' });
    await ask(page, 'Question three?');
    await answerOver(page);
    await expect(turn(page)).toContainText('Half of an answer');
    await expect(turn(page)).toContainText(
      'The assistant became unavailable while answering. The answer is incomplete',
    );
    await expect(turn(page).getByRole('button', { name: 'Retry' })).toBeEnabled();

    // A response that ends without [DONE] or an error event (a proxy cut it): marked as cut.
    const completions = `${urls.apiOrigin}/api/chat/completions`;
    await page.route(completions, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace('data: [DONE]\n\n', '');
      await route.fulfill({ response, body });
    });
    await model.script({ chunks: ['Everything but ', 'the end.'] });
    await ask(page, 'Question four?');
    await answerOver(page);
    await expect(turn(page)).toContainText('Everything but the end.');
    await expect(turn(page)).toContainText('The answer was cut off before its end.');

    // The network is gone.
    await page.unroute(completions);
    await page.route(completions, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    await ask(page, 'Question five?');
    await expect(turn(page)).toContainText(
      'Oracle AI could not be reached. Check your network connection, then retry.',
    );
    await page.unroute(completions);
    await model.script({ chunks: ['Back.'] });
    await turn(page).getByRole('button', { name: 'Retry' }).click();
    await answerOver(page);
    await expect(turn(page)).toContainText('Back.');
    // Failures keep the user on the page: no error page, no sign-in.
    await expect(page).toHaveURL(/\/chat$/);
  });

  test('429: too many answers at once, with the wait the API asks for before Retry', async ({
    page,
    context,
    urls,
  }) => {
    test.slow();
    const model = modelServer(urls);
    await openChat(page);
    await model.scripts({ chunks: ['Busy'], end: 'hang' }, { chunks: ['Busy'], end: 'hang' });
    // Two answers in progress in two other tabs of the same user (signed in by the IdP's
    // session) fill the API's limit of answers in progress (2).
    const tabs = [];
    for (let i = 0; i < 2; i++) {
      const tab = await context.newPage();
      await tab.goto('/chat');
      await expect(tab.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
      await ask(tab, `Long question ${i}?`);
      await expect(turn(tab)).toContainText('Busy');
      tabs.push(tab);
    }
    await ask(page, 'One more?');
    await expect(turn(page)).toContainText(
      /You have asked for many answers in a short time\. Wait \d+ seconds, then retry\./,
    );
    const retry = turn(page).getByRole('button', { name: 'Retry' });
    await expect(retry).toBeDisabled();

    for (const tab of tabs) await tab.close();
    await model.waitForRequest((request) => request.clientAborted);
    await model.script({ chunks: ['Now there is room.'] });
    await expect(retry).toBeEnabled({ timeout: 10_000 });
    await retry.click();
    await answerOver(page);
    await expect(turn(page)).toContainText('Now there is room.');
  });

  test('a 401 while sending is refreshed and replayed once, and the answer comes', async ({
    page,
    urls,
  }) => {
    await openChat(page);
    const completions = `${urls.apiOrigin}/api/chat/completions`;
    let refused = 0;
    await page.route(completions, async (route) => {
      if (route.request().method() !== 'POST' || refused > 0) return route.continue();
      refused++;
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        headers: {
          'access-control-allow-origin': urls.webOrigin,
          'www-authenticate': 'Bearer realm="oracle-ai", error="invalid_token"',
        },
        body: JSON.stringify({
          statusCode: 401,
          error: 'Unauthorized',
          code: 'token_expired',
          message: 'expired',
        }),
      });
    });
    const refresh = page.waitForRequest(
      (request) =>
        request.url().startsWith(urls.issuer) &&
        (request.postData() ?? '').includes('grant_type=refresh_token'),
    );
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.url() === completions && request.method() === 'POST') {
        sent.push(request.postDataJSON());
      }
    });
    await modelServer(urls).script({ chunks: ['Answered after a refresh.'] });
    await ask(page, 'Still signed in?');
    await refresh;
    await answerOver(page);
    await expect(turn(page)).toContainText('Answered after a refresh.');
    expect(refused).toBe(1);
    const question = { messages: [{ role: 'user', content: 'Still signed in?' }], stream: true };
    expect(sent).toEqual([question, question]);
    await expect(page).toHaveURL(/\/chat$/);
  });
});
