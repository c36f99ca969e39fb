import { expect, test } from '@playwright/test';
import { checkA11y, login, ready } from './helpers';

// The filter form is a plain GET form, so it must work the same with and without JavaScript.
test('the exercise list filters by status and search', async ({ page }) => {
  await login(page, 'planerare');
  await page.goto('/ovningar');
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Övningar', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Övning Stormvarning', exact: true })).toBeVisible();
  await checkA11y(page);

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Avslutad' });
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=avslutad(&|$)/);
  await ready(page);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('avslutad');
  await expect(page.getByRole('link', { name: 'Övning Mörker', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Övning Stormvarning', exact: true })).toHaveCount(0);
  await checkA11y(page);

  await page.getByLabel('Sök på namn', { exact: true }).fill('mörk');
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=m%C3%B6rk(&|$)/);
  await ready(page);
  await expect(page.getByText('1 övningar')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Övning Mörker', exact: true })).toBeVisible();
});
