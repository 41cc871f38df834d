import { answerOver, ask, modelServer, openChat, turn } from './support/chat';
import { axeViolations } from './support/axe';
import { expect, test } from './support/fixtures';

const ANSWER = [
  '## Log file sync',
  '',
  'Sessions wait on **log file sync** when they commit; see [the docs](https://docs.oracle.com/en/database/).',
  '',
  '- check `log file parallel write`',
  '- [x] commit less often',
  '',
  '| wait class | share |',
  '|:--|--:|',
  '| Commit | 42 % |',
  '',
  '```sql',
  "SELECT event, total_waits FROM v$system_event WHERE event = 'log file sync';",
  '```',
  '',
  '> ![chart](https://evil.example/x.png) <b>raw</b> [inert](javascript:alert(1))',
].join('\n');

/** Only the violations that keep someone from using the page. */
function blocking(violations: Awaited<ReturnType<typeof axeViolations>>) {
  return violations.filter(({ impact }) => impact === 'serious' || impact === 'critical');
}

test.describe('chat accessibility', () => {
  test('axe finds nothing serious on /chat, empty and with a conversation, wide and narrow', async ({
    page,
    urls,
  }) => {
    const model = modelServer(urls);
    await model.reset();
    await openChat(page);
    expect(blocking(await axeViolations(page))).toEqual([]);

    await model.script({ chunks: [ANSWER] });
    await ask(page, 'What is log file sync?');
    await answerOver(page);
    await model.script({ status: 503, retryAfterS: 9 });
    await ask(page, 'And now?');
    await expect(turn(page)).toContainText('Wait 9 seconds, then retry.');
    expect(blocking(await axeViolations(page))).toEqual([]);

    await page.setViewportSize({ width: 360, height: 740 });
    expect(blocking(await axeViolations(page))).toEqual([]);
    // Nothing wider than a phone: no sideways scrolling of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });
});
