import { decodeJwt } from 'jose';
import {
  answerOver,
  ask,
  completionRequests,
  conversation,
  modelServer,
  openChat,
  questionBox,
  turn,
} from './support/chat';
import { expect, test } from './support/fixtures';

/** Messages as the model server received them, without the API's own instructions. */
function conversationSent(body: unknown): { role: string; content: string }[] {
  const { messages } = body as { messages: { role: string; content: string }[] };
  expect(messages[0].role).toBe('system');
  return messages.slice(1);
}

test.describe('the chat', () => {
  test.beforeEach(async ({ urls }) => {
    await modelServer(urls).reset();
  });

  test('alice reads an answer as it is written, sent with her token and, with DPoP, a POST proof', async ({
    page,
    urls,
    tokenScheme,
  }) => {
    const model = modelServer(urls);
    await openChat(page);
    await model.script({
      chunks: [
        '**Log file sync** is ',
        'the wait of a commit ',
        'for LGWR.',
        ' Check `log file parallel write`.',
      ],
      chunkIntervalMs: 400,
    });
    const sent = completionRequests(page, urls)();
    await ask(page, 'What is log file sync?');

    const request = await sent;
    const authorization = request.headers()['authorization'] ?? '';
    expect(authorization.startsWith(`${tokenScheme} `)).toBe(true);
    if (tokenScheme === 'DPoP') {
      expect(decodeJwt(request.headers()['dpop'] ?? '')).toMatchObject({
        htm: 'POST',
        htu: `${urls.apiOrigin}/api/chat/completions`,
      });
    }

    // Written as it streams: the start is on the page while the end is still coming.
    const answer = turn(page);
    await expect(answer.locator('strong')).toHaveText('Log file sync');
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
    await expect(conversation(page)).toHaveAttribute('aria-busy', 'true');
    await expect(answer).not.toContainText('parallel write');
    await answerOver(page);
    await expect(answer.locator('code')).toHaveText('log file parallel write');
    await expect(page.getByRole('status').filter({ hasText: 'Answer complete.' })).toBeAttached();

    const [received] = await model.requests();
    expect(conversationSent(received.body)).toEqual([
      { role: 'user', content: 'What is log file sync?' },
    ]);
    // The user's credentials never reach the model server.
    expect(received.headers['authorization'] ?? '').not.toContain(authorization.split(' ')[1]);
    expect(received.headers).not.toHaveProperty('dpop');
  });

  test('alice stops an answer, asks a follow-up with the conversation so far, and retries', async ({
    page,
    urls,
  }) => {
    const model = modelServer(urls);
    await openChat(page);

    await model.script({ chunks: ['Waits on commit.'] });
    await ask(page, 'What is log file sync?');
    await answerOver(page);

    await model.script({ chunks: ['An AWR report compares two snapshots'], end: 'hang' });
    await ask(page, 'What is an AWR report?');
    await expect(turn(page)).toContainText('compares two snapshots');
    await page.getByRole('button', { name: 'Stop' }).click();
    const stopped = await model.waitForRequest((request) => request.clientAborted);
    expect(stopped.finished).toBe(false);
    await expect(turn(page)).toContainText('Stopped: the answer is incomplete.');
    await expect(questionBox(page)).toBeFocused();

    // A model server failing before any text: the API says unavailable, the page offers Retry.
    await model.script({ status: 500, errorMessage: 'internal model failure' });
    await ask(page, 'How do I reduce it?');
    await expect(turn(page)).toContainText('The assistant is unavailable right now.');
    await expect(turn(page)).not.toContainText('internal model failure');

    await model.script({ chunks: ['Commit less often.'] });
    await turn(page).getByRole('button', { name: 'Retry' }).click();
    await expect(questionBox(page)).toBeFocused();
    await answerOver(page);
    await expect(turn(page)).toContainText('Commit less often.');
    await expect(conversation(page).locator('article')).toHaveCount(3);

    const requests = await model.requests();
    const followUp = [
      { role: 'user', content: 'What is log file sync?' },
      { role: 'assistant', content: 'Waits on commit.' },
      { role: 'user', content: 'What is an AWR report?' },
      { role: 'assistant', content: 'An AWR report compares two snapshots' },
      { role: 'user', content: 'How do I reduce it?' },
    ];
    expect(conversationSent(requests.at(-2)?.body)).toEqual(followUp);
    expect(conversationSent(requests.at(-1)?.body)).toEqual(followUp);
  });

  test('a reload forgets the conversation, which never reaches storage, the URL or the console', async ({
    page,
    urls,
  }) => {
    const consoleMessages: string[] = [];
    page.on('console', (message) => consoleMessages.push(message.text()));
    await openChat(page);
    await modelServer(urls).script({ chunks: ['The answer zq7 about waits.'] });
    await ask(page, 'A question xk4 about waits?');
    await answerOver(page);
    await expect(turn(page)).toContainText('The answer zq7');

    const stored = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
    );
    for (const secret of ['xk4', 'zq7']) {
      expect(stored).not.toContain(secret);
      expect(page.url()).not.toContain(secret);
      expect(consoleMessages.join('\n')).not.toContain(secret);
    }
    await expect(page).toHaveURL(/\/chat$/);

    await page.reload();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Suggested questions' }),
    ).toBeVisible();
    await expect(conversation(page).locator('article')).toHaveCount(0);
    await expect(page.getByText('xk4')).toHaveCount(0);
    await expect(page.getByText('reloading the page or signing out forgets it')).toBeVisible();
  });

  test('dave (LDAP DN groups) asks a suggested question and gets an answer from the notes', async ({
    page,
  }) => {
    await openChat(page, 'dave');
    const suggestion = page.getByRole('list').getByRole('button').first();
    const question = (await suggestion.textContent())?.trim() ?? '';
    await suggestion.click();
    await expect(questionBox(page)).toBeFocused();
    await expect(turn(page)).toContainText(question);
    await answerOver(page);
    await expect(turn(page)).toContainText('Dev model server, not a language model');
    await expect(turn(page).getByRole('button', { name: 'Copy' })).toBeVisible();
  });

  test('copy, and a new conversation that forgets the last', async ({ page, urls }) => {
    await openChat(page);
    await modelServer(urls).script({ chunks: ['Copy **me**.'] });
    await ask(page, 'Something to copy?');
    await answerOver(page);
    await turn(page).getByRole('button', { name: 'Copy' }).click();
    await expect(turn(page).getByRole('status')).toHaveText('Copied');

    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect(conversation(page).locator('article')).toHaveCount(0);
    await expect(questionBox(page)).toBeFocused();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Suggested questions' }),
    ).toBeVisible();
  });
});
