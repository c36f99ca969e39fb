import { expect, test } from '@playwright/test';
import { checkA11y, login, pathname, ready } from './helpers';

test('an invalid exercise form is answered with messages next to the fields', async ({ page }) => {
  await login(page, 'planerare');
  await page.goto('/ovningar/ny');
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Ny övning', exact: true })).toBeVisible();
  await checkA11y(page);

  const nameField = page.getByRole('textbox', { name: /^Namn/ });
  const endField = page.getByLabel(/^Slut/);

  // The name field is `required`, so the browser itself refuses a truly empty value; blanks pass
  // the browser's check and are then rejected by the server, which trims them.
  await nameField.fill('   ');
  await page.getByRole('combobox', { name: /^Övningsform/ }).selectOption({ label: 'Seminarieövning' });
  await page.getByRole('combobox', { name: /^Ansvarig förvaltning/ }).selectOption({ label: 'RK – Regionkontoret' });
  await page.getByLabel(/^Start/).fill('2026-12-09T12:00');
  await endField.fill('2026-12-09T09:00');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();

  // With JavaScript the messages come from the action's result; without it the browser is sent
  // back to the form and the same messages are rendered from the URL.
  await expect(page.getByText('Rätta de markerade fälten och försök igen.', { exact: true })).toBeVisible();
  await expect(page.getByText('Namn måste fyllas i.', { exact: true })).toBeVisible();
  await expect(page.getByText('Slutet får inte vara före starten.', { exact: true })).toBeVisible();
  // "Next to the fields": each message is the description of its field.
  await expect(nameField).toHaveAccessibleDescription(/Namn måste fyllas i\./);
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(endField).toHaveAccessibleDescription(/Slutet får inte vara före starten\./);
  // Nothing was created: we are still on the form.
  expect(pathname(page)).toBe('/ovningar/ny');
  await ready(page);
  await checkA11y(page);
});

test('unknown pages and exercises answer 404', async ({ page }) => {
  await login(page, 'planerare');
  for (const path of ['/ovningar/9999999', '/ovningar/abc', '/finns-inte']) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status(), `status of ${path}`).toBe(404);
      await ready(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Sidan hittades inte', exact: true })).toBeVisible();
      await checkA11y(page);
    });
  }
});
