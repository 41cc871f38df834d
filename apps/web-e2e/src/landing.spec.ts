import { expect, mainNav, signIn, test } from './support/fixtures';

test.describe('where each user lands', () => {
  test('alice (database + oracle-ai-users) lands on chat, with a clean URL', async ({ page }) => {
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/chat');
    expect(new URL(page.url()).search).toBe('');
    await expect(page.getByRole('banner')).toContainText('Alice');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Chat' })).toBeVisible();
  });

  test('bob (database only) lands on analytics, chat is hidden and /chat is forbidden', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page, 'bob');
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    // With figures to show, the page writes the database it chose into the URL.
    await expect(page).toHaveURL(/\/analytics(\?db=finprod&range=1h)?$/);
    await expect(mainNav(page).getByRole('link', { name: 'Analytics' })).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Chat' })).toHaveCount(0);

    await page.goto('/chat');
    await expect(
      page.getByRole('heading', { level: 1, name: "You don't have access to the chat" }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/forbidden\?feature=chat$/);
    await expect(page.getByRole('listitem').filter({ hasText: 'oracle-ai-users' })).toBeVisible();
  });

  test('carol (no groups) lands on forbidden, which names the database group, without a loop', async ({
    page,
  }) => {
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await page.goto('/');
    await signIn(page, 'carol');
    await expect(
      page.getByRole('heading', { level: 1, name: "You don't have access to Oracle AI" }),
    ).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: /^database$/ })).toBeVisible();
    const settled = navigations.length;
    await page.waitForTimeout(1_500);
    expect(navigations.length).toBe(settled);
    await expect(page).toHaveURL(/\/forbidden$/);
  });

  test('dave (LDAP DN groups) lands on chat', async ({ page }) => {
    await page.goto('/');
    await signIn(page, 'dave');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    await expect(page).toHaveURL(/\/chat$/);
  });

  test('a deep link comes back to the same page after login', async ({ page }) => {
    await page.goto('/analytics');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await expect(page).toHaveURL(/\/analytics(\?db=finprod&range=1h)?$/);
  });
});
