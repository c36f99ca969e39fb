import { expect, test } from '@playwright/test';
import { checkA11y, DEMO_PASSWORD, login, ready } from './helpers';

/** A per-project client address, as the trusted proxy on loopback forwards it. */
function clientAddress(last: number): string {
  return `203.0.113.${test.info().project.name === 'js' ? last : last + 100}`;
}

test("a stranger's guesses are throttled, with the wait in Swedish, and lock out nobody else", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientAddress(7) } });
  const page = await context.newPage();
  const stranger = `okand-${test.info().project.name}`;
  await page.goto('/logga-in');
  await ready(page);
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('Användarnamn', { exact: true }).fill(stranger);
    await page.getByLabel('Lösenord', { exact: true }).fill('gissning-nummer-' + i);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await ready(page);
  }
  await expect(page.getByText(/För många inloggningsförsök härifrån\. Vänta 1[45] min och försök igen\./)).toBeVisible();
  await checkA11y(page);
  // The same address signs a real user in at once: typos for other names lock out nobody.
  await login(page, 'planerare', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Logga ut' }).or(page.getByRole('button', { name: 'Logga ut' }))).toBeVisible();
  await context.close();
});

test('an error text in a crafted link is not shown on the login page', async ({ page }) => {
  const crafted = Buffer.from(JSON.stringify({ Conflict: 'Ring supporten på 0701234567 och uppge ditt lösenord' }))
    .toString('base64url');
  await page.goto(`/logga-in?__path=%2Fapi%2Fauth%2Flogin&__err=${crafted}`);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expect(page.getByText(/supporten/)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await checkA11y(page);
});

test('an observer reads the plan of an exercise but not its scenario', async ({ page }) => {
  await login(page, 'observator');
  await page.goto('/ovningar/14');
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Övning Sorl 2' })).toBeVisible();
  await expect(page.getByText(/visas bara för planerare, övningsledning och utvärderare/)).toBeVisible();
  await expect(page.getByText(/Tågolycka/)).toHaveCount(0);
  await checkA11y(page);
});

test('a planner account names its förvaltningar or, explicitly, the whole region', async ({ page }) => {
  const username = `ny.planerare.${test.info().project.name}`;
  await login(page, 'admin');
  await page.goto('/admin/anvandare');
  await ready(page);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Skapa konto', exact: true }) });
  await form.getByLabel('Användarnamn', { exact: true }).fill(username);
  await form.getByLabel('Roll', { exact: true }).selectOption({ label: 'Beredskapssamordnare' });
  await form.getByLabel('Lösenord', { exact: true }).fill('ett-långt-lösenord');
  await form.getByRole('button', { name: 'Skapa konto', exact: true }).click();
  const refused = page.locator('form').filter({ has: page.getByRole('button', { name: 'Skapa konto', exact: true }) });
  const scope = refused.getByRole('group', { name: 'Planerar för' });
  await expect(scope).toHaveAccessibleDescription(/Välj de förvaltningar kontot gäller, eller Hela regionen\./);
  await checkA11y(page);
  await ready(page);
  await refused.getByLabel('Användarnamn', { exact: true }).fill(username);
  await refused.getByLabel('Roll', { exact: true }).selectOption({ label: 'Beredskapssamordnare' });
  await refused.getByLabel('Lösenord', { exact: true }).fill('ett-långt-lösenord');
  await scope.getByLabel('Hela regionen', { exact: true }).check();
  await refused.getByRole('button', { name: 'Skapa konto', exact: true }).click();
  await expect(page.getByRole('rowheader', { name: username, exact: true })).toBeVisible();
  await checkA11y(page);
});
