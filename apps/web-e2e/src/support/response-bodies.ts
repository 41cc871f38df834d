import type { Page, Request } from '@playwright/test';

/** A response the page received, with its body as it was sent. */
export interface RecordedResponse {
  request: Request;
  status: number;
  body: string;
}

/**
 * Records the page's responses from `url` (requests with `method`), bodies included, as they pass:
 * the request is answered through Playwright (`route.fetch()`, then fulfilled with that very
 * response). The SPA reads response bodies as streams (`HttpClient` on `fetch`), and DevTools does
 * not always keep such a body for `response.json()` afterwards. The returned array fills up as
 * responses arrive.
 */
export async function recordResponses(
  page: Page,
  url: string,
  method = 'POST',
): Promise<RecordedResponse[]> {
  const recorded: RecordedResponse[] = [];
  await page.route(url, async (route) => {
    if (route.request().method() !== method) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    recorded.push({ request: route.request(), status: response.status(), body });
    await route.fulfill({ response, body });
  });
  return recorded;
}
