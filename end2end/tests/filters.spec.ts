import { expect, test } from '@playwright/test';
import { checkA11y, login, ready } from './helpers';

test('the exercise list filters by status', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'js', 'exercised with JavaScript only');

  await login(page, 'planerare');
  await page.goto('/ovningar');
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Övningar', exact: true })).toBeVisible();
  await checkA11y(page);

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Redo' });
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=redo(&|$)/);
  await ready(page);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('redo');
  await checkA11y(page);
});
