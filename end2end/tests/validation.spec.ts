import { expect, test } from '@playwright/test';
import { checkA11y, jsEnabled, login, pathname, ready, submit } from './helpers';

test('an invalid exercise form is answered with messages next to the fields', async ({ page }, testInfo) => {
  const corrected = `Övning Rättad ${testInfo.project.name}`;
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
  await page.getByLabel('Plats', { exact: true }).fill('Regionhuset, sal Kronan');
  const first = page.getByRole('group', { name: 'Mål 1', exact: true });
  await first.getByLabel('Målformulering', { exact: true }).fill('Stabsläget aktiveras inom en timme.');
  await first.getByLabel('Förmågeområde som övas', { exact: true }).selectOption('CA02');
  // The refused form is the answer to the post itself: 422, with JavaScript or without.
  expect(await submit(page, page.getByRole('button', { name: 'Spara', exact: true }))).toBe(422);

  await expect(page.getByText('Rätta de markerade fälten och försök igen.', { exact: true })).toBeVisible();
  await expect(page.getByText('Namn måste fyllas i.', { exact: true })).toBeVisible();
  await expect(page.getByText('Slutet får inte vara före starten.', { exact: true })).toBeVisible();
  // "Next to the fields": each message is the description of its field.
  await expect(nameField).toHaveAccessibleDescription(/Namn måste fyllas i\./);
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(endField).toHaveAccessibleDescription(/Slutet får inte vara före starten\./);
  // Nothing was created: the form is shown again on its own page.
  expect(pathname(page)).toBe('/ovningar/ny');
  await ready(page);
  // Nothing typed was lost; nothing was stored to keep it.
  await expect(page.getByLabel('Plats', { exact: true })).toHaveValue('Regionhuset, sal Kronan');
  await expect(page.getByLabel(/^Start/)).toHaveValue('2026-12-09T12:00');
  await expect(endField).toHaveValue('2026-12-09T09:00');
  await expect(page.getByRole('combobox', { name: /^Ansvarig förvaltning/ })).toHaveValue(/\d+/);
  await expect(first.getByLabel('Målformulering', { exact: true })).toHaveValue('Stabsläget aktiveras inom en timme.');
  await expect(first.getByLabel('Förmågeområde som övas', { exact: true })).toHaveValue('CA02');
  await checkA11y(page);

  // Correcting the two fields is all it takes now.
  await nameField.fill(corrected);
  await endField.fill('2026-12-09T15:00');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: corrected, exact: true })).toBeVisible();
  await expect(page.getByText('Regionhuset, sal Kronan')).toBeVisible();
  await ready(page);

  // A fresh "Ny övning" starts empty.
  await page.goto('/ovningar/ny');
  await ready(page);
  await expect(page.getByLabel('Plats', { exact: true })).toHaveValue('');

  // Deleting asks for a confirmation first; the exercise stays until it is given.
  await page.goBack();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: corrected, exact: true })).toBeVisible();
  await page.getByText('Ta bort övningen…', { exact: true }).click();
  await expect(page.getByText('Övningen tas bort permanent, med sina mål. Det går inte att ångra.')).toBeVisible();
  await checkA11y(page);
  await page.getByRole('checkbox', { name: 'Jag vill ta bort övningen', exact: true }).check();
  await page.getByRole('button', { name: 'Ta bort övningen', exact: true }).click();
  await expect(page).toHaveURL(/\/ovningar$/);
  await ready(page);
  await expect(page.getByRole('link', { name: corrected, exact: true })).toHaveCount(0);
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

test('"Lägg till mål" adds objective rows with JavaScript and is hidden without it', async ({ page }, testInfo) => {
  const name = `Övning Fler mål ${testInfo.project.name}`;
  await login(page, 'planerare');
  await page.goto('/ovningar/ny');
  await ready(page);
  const add = page.getByRole('button', { name: 'Lägg till mål', exact: true });
  await expect(page.getByRole('group', { name: 'Mål 2', exact: true })).toBeVisible();
  if (!jsEnabled()) {
    // The spare rows are there; a button that cannot work is not shown.
    await expect(add).toBeHidden();
    return;
  }
  await add.click();
  await add.click();
  const fourth = page.getByRole('group', { name: 'Mål 4', exact: true });
  await expect(fourth).toBeVisible();
  await checkA11y(page);

  await page.getByRole('textbox', { name: /^Namn/ }).fill(name);
  await page.getByRole('combobox', { name: /^Övningsform/ }).selectOption({ label: 'Seminarieövning' });
  await page.getByRole('combobox', { name: /^Ansvarig förvaltning/ }).selectOption({ label: 'RK – Regionkontoret' });
  await page.getByLabel(/^Start/).fill('2027-02-03T09:00');
  await page.getByLabel(/^Slut/).fill('2027-02-03T12:00');
  await fourth.getByLabel('Målformulering', { exact: true }).fill('Reservkraften tas i drift enligt rutin.');
  await fourth.getByLabel('Förmågeområde som övas', { exact: true }).selectOption('CA10');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  // The added row was posted with the form: the saved exercise has that objective.
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(page.getByText('Reservkraften tas i drift enligt rutin.')).toBeVisible();
});
