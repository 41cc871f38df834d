import type { Browser } from '@playwright/test';
import { launchChromium } from './chromium';

jest.setTimeout(30_000);

describe('launchChromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("launches the system's Chromium, headless, running pages and their scripts", async () => {
    expect(browser.browserType().name()).toBe('chromium');
    const page = await browser.newPage();
    await page.setContent(
      '<title>t</title><p id="out"></p><script>out.textContent = 1 + 1</script>',
    );
    await expect(page.locator('#out').textContent()).resolves.toBe('2');
    expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
    expect(await page.evaluate(() => navigator.userAgent)).toContain('HeadlessChrome');
  });
});
