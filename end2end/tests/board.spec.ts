import { expect, test } from '@playwright/test';
import { checkA11y, login, ready } from './helpers';

const VALID_FORM = {
  'input[name]': 'X',
  'input[format]': 'seminar',
  'input[lead]': '1',
  'input[starts_at]': '2026-12-01T09:00',
  'input[ends_at]': '2026-12-01T10:00',
};

test('a board member can read exercises but change nothing', async ({ page, playwright, baseURL }) => {
  await login(page, 'styrelse');

  await test.step('the exercise list has no "Ny övning"', async () => {
    await page.goto('/ovningar');
    await ready(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Övningar', exact: true })).toBeVisible();
    await expect(page.getByRole('table')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ny övning', exact: true })).toHaveCount(0);
    await checkA11y(page);
  });

  await test.step('an exercise has no edit link and no status buttons', async () => {
    const first = page.getByRole('table').getByRole('link').first();
    const name = (await first.textContent())?.trim() ?? '';
    expect(name).not.toBe('');
    await first.click();
    await expect(page).toHaveURL(/\/ovningar\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
    await ready(page);
    await expect(page.getByRole('link', { name: 'Redigera', exact: true })).toHaveCount(0);
    for (const action of ['Markera som Redo', 'Börja planera', 'Ställ in', 'Ta bort övningen']) {
      await expect(page.getByRole('button', { name: action, exact: true })).toHaveCount(0);
    }
    await expect(page.getByText('Ställ in', { exact: true })).toHaveCount(0);
    await checkA11y(page);
  });

  await test.step('the new-exercise page answers 403', async () => {
    const response = await page.goto('/ovningar/ny');
    expect(response?.status()).toBe(403);
    await ready(page);
    await expect(page.getByText('Du har inte behörighet att göra detta.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Spara', exact: true })).toHaveCount(0);
    await checkA11y(page);
  });

  await test.step('creating an exercise through the API is forbidden (403)', async () => {
    const response = await page.request.post('/api/exercises/create', {
      form: VALID_FORM,
      headers: { Accept: 'application/json' },
    });
    expect(response.status()).toBe(403);
  });

  await test.step('without a session the API answers 401', async () => {
    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      const response = await anonymous.post('/api/exercises/create', {
        form: VALID_FORM,
        headers: { Accept: 'application/json' },
      });
      expect(response.status()).toBe(401);
    } finally {
      await anonymous.dispose();
    }
  });
});
