import { expect, test } from '@playwright/test';
import { checkA11y, login, pathname, ready, submit } from './helpers';

/**
 * The one form mechanism, one journey per form family (the exercise form is in
 * validation.spec.ts): a refused form comes back in the same response with a 4xx status, the
 * messages next to the fields and what was typed; a success answers 303. Both projects, JS on and
 * off, run the same journeys.
 */

test('a refused catalogue row comes back open, with its messages and what was typed', async ({ page }, testInfo) => {
  const renamed = `Psykiatrin Halland (${testInfo.project.name})`;
  await login(page, 'admin');
  await page.goto('/katalog/forvaltningar');
  await ready(page);
  // (The other project may have renamed it already.)
  await page.getByText(/^Redigera Psykiatrin Halland/).click();
  const row = page.locator('form').filter({ has: page.locator('input[name="__form"][value="fv3"]') });
  const code = row.getByLabel('Kod', { exact: true });
  await code.fill(' ');
  await row.getByLabel('Namn', { exact: true }).fill(renamed);
  await row.getByLabel('Aktiv', { exact: true }).uncheck();
  expect(await submit(page, row.getByRole('button', { name: 'Spara', exact: true }))).toBe(422);

  await ready(page);
  const refused = page.locator('form').filter({ has: page.locator('input[name="__form"][value="fv3"]') });
  await expect(refused).toBeVisible();
  await expect(refused.getByRole('alert')).toHaveText('Rätta de markerade fälten och försök igen.');
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(refused.getByLabel('Kod', { exact: true })).toHaveAccessibleDescription(/Kod måste fyllas i\./);
  await expect(refused.getByLabel('Namn', { exact: true })).toHaveValue(renamed);
  await expect(refused.getByLabel('Aktiv', { exact: true })).not.toBeChecked();
  await checkA11y(page);

  await refused.getByLabel('Kod', { exact: true }).fill('PH');
  await refused.getByLabel('Aktiv', { exact: true }).check();
  expect(await submit(page, refused.getByRole('button', { name: 'Spara', exact: true }))).toBe(303);
  await ready(page);
  expect(pathname(page)).toBe('/katalog/forvaltningar');
  await expect(page.getByRole('rowheader', { name: renamed, exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a refused new capability area keeps its chosen requirement areas', async ({ page }, testInfo) => {
  const code = testInfo.project.name === 'js' ? 'CA90' : 'CA91';
  await login(page, 'admin');
  await page.goto('/katalog/formagor');
  await ready(page);
  const form = page.locator('form').filter({ has: page.locator('input[name="__form"][value="cap-ny"]') });
  await form.getByLabel('Kod', { exact: true }).fill(code);
  await form.getByLabel('Benämning', { exact: true }).fill('Cyberberedskap');
  await form.getByLabel('NATO:s baskrav (1–7)', { exact: true }).fill('2, 9');
  const links = form.getByLabel('Kopplade kravområden', { exact: true });
  const k4 = form.locator('optgroup[label="Överenskommelse om regionernas arbete med krisberedskap och civilt försvar 2024–2026"] option', { hasText: /^K4 / });
  const k4Value = await k4.getAttribute('value');
  await links.selectOption([k4Value ?? '']);
  expect(await submit(page, form.getByRole('button', { name: 'Spara', exact: true }))).toBe(422);

  await ready(page);
  const refused = page.locator('form').filter({ has: page.locator('input[name="__form"][value="cap-ny"]') });
  await expect(refused.getByLabel('NATO:s baskrav (1–7)', { exact: true })).toHaveAccessibleDescription(/siffror 1–7/);
  await expect(refused.getByLabel('NATO:s baskrav (1–7)', { exact: true })).toHaveValue('2, 9');
  await expect(refused.getByLabel('Kod', { exact: true })).toHaveValue(code);
  await expect(refused.getByLabel('Kopplade kravområden', { exact: true })).toHaveValues([k4Value ?? '']);
  await checkA11y(page);

  await refused.getByLabel('NATO:s baskrav (1–7)', { exact: true }).fill('2');
  expect(await submit(page, refused.getByRole('button', { name: 'Spara', exact: true }))).toBe(303);
  await ready(page);
  const saved = page.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
  await expect(saved).toContainText('K4 Utbildnings- och övningsplan');
});

test('a refused new account keeps what was typed but never the password', async ({ page }, testInfo) => {
  const username = `ny.observator.${testInfo.project.name}`;
  await login(page, 'admin');
  await page.goto('/admin/anvandare');
  await ready(page);
  const form = () => page.locator('form').filter({ has: page.getByRole('button', { name: 'Skapa konto', exact: true }) });
  await form().getByLabel('Användarnamn', { exact: true }).fill(username);
  await form().getByLabel('Namn', { exact: true }).fill('Olle Observatör');
  await form().getByLabel('Roll', { exact: true }).selectOption({ label: 'Observatör' });
  await form().getByLabel('Lösenord', { exact: true }).fill('kort');
  expect(await submit(page, form().getByRole('button', { name: 'Skapa konto', exact: true }))).toBe(422);

  await ready(page);
  await expect(form().getByLabel('Lösenord', { exact: true })).toHaveAccessibleDescription(/Lösenordet måste ha minst \d+ tecken\./);
  await expect(form().getByLabel('Lösenord', { exact: true })).toHaveValue('');
  await expect(form().getByLabel('Användarnamn', { exact: true })).toHaveValue(username);
  await expect(form().getByLabel('Namn', { exact: true })).toHaveValue('Olle Observatör');
  await expect(form().getByLabel('Roll', { exact: true })).toHaveValue('observer');
  await checkA11y(page);

  await form().getByLabel('Lösenord', { exact: true }).fill('ett-långt-lösenord');
  expect(await submit(page, form().getByRole('button', { name: 'Skapa konto', exact: true }))).toBe(303);
  await ready(page);
  await expect(page.getByRole('rowheader', { name: username, exact: true })).toBeVisible();
});

test('an account edit refused for the own admin role keeps the row open with the choice made', async ({ page }) => {
  await login(page, 'admin');
  await page.goto('/admin/anvandare');
  await ready(page);
  await page.getByText('Redigera admin', { exact: true }).click();
  const row = page.locator('form').filter({ has: page.locator('input[name="__form"][value="u1"]') });
  await row.getByLabel('Roll', { exact: true }).selectOption({ label: 'Observatör' });
  expect(await submit(page, row.getByRole('button', { name: 'Spara', exact: true }))).toBe(422);
  await ready(page);
  const refused = page.locator('form').filter({ has: page.locator('input[name="__form"][value="u1"]') });
  await expect(refused).toBeVisible();
  await expect(refused.getByText('Du kan inte ta bort din egen administratörsbehörighet.')).toBeVisible();
  await expect(refused.getByLabel('Roll', { exact: true })).toHaveValue('observer');
  await checkA11y(page);
});
