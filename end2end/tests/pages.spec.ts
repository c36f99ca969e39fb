import { expect, test } from '@playwright/test';
import { checkA11y, login, pathname, ready } from './helpers';

test('the login page', async ({ page }) => {
  const response = await page.goto('/logga-in');
  expect(response?.status()).toBe(200);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in', exact: true })).toBeVisible();
  await expect(page.getByLabel('Användarnamn', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Lösenord', { exact: true })).toBeVisible();
  await checkA11y(page);
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/logga-in');
  await ready(page);
  await page.getByLabel('Användarnamn', { exact: true }).fill('admin');
  await page.getByLabel('Lösenord', { exact: true }).fill('inte-det-rätta-lösenordet');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByText('Fel användarnamn eller lösenord.', { exact: true })).toBeVisible();
  expect(pathname(page)).toBe('/logga-in');
  await expect(page.getByRole('link', { name: 'Logga ut', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Logga ut', exact: true })).toHaveCount(0);
  await ready(page);
  await checkA11y(page);
});

test('an anonymous visitor is sent to the login page', async ({ page }) => {
  await page.goto('/plan');
  await expect(page).toHaveURL(/\/logga-in\?next=/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in', exact: true })).toBeVisible();
  await checkA11y(page);
});

test('every page an administrator sees has its heading and passes axe', async ({ page }) => {
  // Twelve pages, each analysed by axe (without JavaScript in a second context): allow the time.
  test.setTimeout(180_000);
  await login(page, 'admin');

  const pages: Array<[path: string, heading: string]> = [
    ['/', 'Översikt'],
    ['/ovningar', 'Övningar'],
    ['/plan', 'Flerårig övningsplan'],
    ['/tackning', 'Täckning av förmågeområden'],
    ['/katalog', 'Kataloger'],
    ['/katalog/forvaltningar', 'Förvaltningar'],
    ['/katalog/formagor', 'Förmågeområden'],
    ['/katalog/overenskommelser', 'Överenskommelser och kravområden'],
    ['/admin/anvandare', 'Användare'],
    ['/admin/logg', 'Händelselogg'],
  ];
  for (const [path, heading] of pages) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status(), `status of ${path}`).toBe(200);
      await ready(page);
      await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
      await checkA11y(page);
    });
  }

  await test.step('/ovningar/15', async () => {
    const response = await page.goto('/ovningar/15');
    expect(response?.status()).toBe(200);
    await ready(page);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toBeVisible();
    await expect(heading).not.toHaveText('Sidan hittades inte');
    await expect(page.getByRole('link', { name: 'Redigera', exact: true })).toBeVisible();
    await checkA11y(page);
  });

  await test.step('/ovningar/15/redigera', async () => {
    const response = await page.goto('/ovningar/15/redigera');
    expect(response?.status()).toBe(200);
    await ready(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Redigera övning', exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: /^Namn/ })).not.toHaveValue('');
    await checkA11y(page);
  });
});
