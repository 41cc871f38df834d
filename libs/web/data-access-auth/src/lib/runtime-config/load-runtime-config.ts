import {
  RuntimeConfig,
  RuntimeConfigError,
  validateRuntimeConfig,
} from '@oracle-ai/web/util-runtime-config';

/**
 * Fetches and validates `/config.json` before Angular starts, so a bad deployment fails loudly
 * instead of half-working. `no-store` because the same build is re-pointed by swapping this file.
 */
export async function loadRuntimeConfig(
  fetchFn: typeof fetch = fetch,
  url = '/config.json',
): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new RuntimeConfigError([`${url} could not be fetched (network error)`]);
  }
  if (!response.ok) {
    throw new RuntimeConfigError([`${url} answered HTTP ${response.status}`]);
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new RuntimeConfigError([`${url} is not valid JSON`]);
  }
  return validateRuntimeConfig(raw);
}

/** Replaces the page with a plain, accessible explanation; used when the app cannot bootstrap. */
export function renderStartupError(doc: Document, error: unknown): void {
  const problems =
    error instanceof RuntimeConfigError
      ? error.problems
      : ['The application failed to start. See the browser console for details.'];

  const main = doc.createElement('main');
  main.setAttribute('class', 'startup-error');
  const heading = doc.createElement('h1');
  heading.textContent = 'Oracle AI cannot start';
  const intro = doc.createElement('p');
  intro.textContent =
    error instanceof RuntimeConfigError
      ? 'The runtime configuration (/config.json) is missing or invalid. Please contact the team that operates this application.'
      : 'Something went wrong while starting the application.';
  const list = doc.createElement('ul');
  for (const problem of problems) {
    const item = doc.createElement('li');
    item.textContent = problem;
    list.append(item);
  }
  main.append(heading, intro, list);
  doc.body.replaceChildren(main);
}
