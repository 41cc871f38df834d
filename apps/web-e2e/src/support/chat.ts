import { DevAssistantTestApi } from '@oracle-ai/shared/testing-dev-assistant';
import { expect, type Locator, type Page } from '@playwright/test';
import type { E2eUrls } from './e2e-env';
import { signIn } from './fixtures';

/** The test API of the stack's dev model server: scripts for the next answers, the requests it got. */
export function modelServer(urls: E2eUrls): DevAssistantTestApi {
  return new DevAssistantTestApi(urls.assistantOrigin);
}

/** Signs `username` in through the dev IdP on the way to /chat. */
export async function openChat(page: Page, username = 'alice'): Promise<void> {
  await page.goto('/chat');
  await signIn(page, username);
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
}

export function questionBox(page: Page): Locator {
  return page.getByLabel('Your question');
}

/** Types `question` into the box and presses Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  await questionBox(page).fill(question);
  await questionBox(page).press('Enter');
}

export function conversation(page: Page): Locator {
  return page.getByRole('log', { name: 'Conversation' });
}

/** The n-th question and answer (from 1), or the last with no `n`. */
export function turn(page: Page, n?: number): Locator {
  const turns = conversation(page).locator('article');
  return n === undefined ? turns.last() : turns.nth(n - 1);
}

/** Waits until the answer being written is over, whatever its end. */
export async function answerOver(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(conversation(page)).toHaveAttribute('aria-busy', 'false');
}

/** The completion requests the browser sends to the API, as they are sent. */
export function completionRequests(page: Page, urls: E2eUrls) {
  const url = `${urls.apiOrigin}/api/chat/completions`;
  return (
    predicate: (body: { messages: { role: string; content: string }[] }) => boolean = () => true,
  ) =>
    page.waitForRequest(
      (request) =>
        request.url() === url &&
        request.method() === 'POST' &&
        predicate(request.postDataJSON() as { messages: { role: string; content: string }[] }),
    );
}
