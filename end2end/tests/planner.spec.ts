import { expect, test } from '@playwright/test';
import { checkA11y, escapeRegExp, login, ready } from './helpers';

test('a planner creates an exercise, makes it Redo, and sees it in the plan and the coverage', async ({ page }, testInfo) => {
  const name = `E2E-övning ${testInfo.project.name} ${Date.now()}`;
  const main = page.getByRole('main');

  await login(page, 'planerare');

  await test.step('the exercise list offers "Ny övning"', async () => {
    await page.goto('/ovningar');
    await ready(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Övningar', exact: true })).toBeVisible();
    await checkA11y(page);
    await page.getByRole('link', { name: 'Ny övning', exact: true }).click();
    await expect(page).toHaveURL(/\/ovningar\/ny$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Ny övning', exact: true })).toBeVisible();
    await ready(page);
  });

  await test.step('fill in and save the form', async () => {
    await page.getByRole('textbox', { name: /^Namn/ }).fill(name);
    await page.getByRole('combobox', { name: /^Övningsform/ }).selectOption({ label: 'Seminarieövning' });
    await page.getByRole('combobox', { name: /^Ansvarig förvaltning/ }).selectOption({ label: 'RK – Regionkontoret' });
    await page.getByLabel(/^Start/).fill('2026-12-09T09:00');
    await page.getByLabel(/^Slut/).fill('2026-12-09T12:00');

    const first = page.getByRole('group', { name: 'Mål 1', exact: true });
    await first.getByLabel('Målformulering', { exact: true }).fill('Deltagarna kan beskriva regionens övningsplan och sin egen roll i den.');
    // The options read "CA12 Utbildning och övning (kompetens)"; their values are the codes.
    await first.getByLabel('Förmågeområde som övas', { exact: true }).selectOption('CA12');

    const second = page.getByRole('group', { name: 'Mål 2', exact: true });
    await second.getByLabel('Målformulering', { exact: true }).fill('Krisledningen fattar beslut utifrån en samlad lägesbild.');
    await second.getByLabel('Förmågeområde som övas', { exact: true }).selectOption('CA02');

    await checkA11y(page);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
  });

  await test.step('the new exercise is shown as Planerad', async () => {
    await expect(page).toHaveURL(/\/ovningar\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
    await expect(main.getByText('Planerad', { exact: true })).toBeVisible();
    await expect(main.getByText('CA12', { exact: true })).toBeVisible();
    await expect(main.getByText('CA02', { exact: true })).toBeVisible();
    await ready(page);
    await checkA11y(page);
  });

  const detailUrl = page.url();

  await test.step('Börja planera → Under planering', async () => {
    await page.getByRole('button', { name: 'Börja planera', exact: true }).click();
    await expect(main.getByText('Under planering', { exact: true })).toBeVisible();
    await expect(page).toHaveURL(detailUrl);
    await ready(page);
    await checkA11y(page);
  });

  await test.step('Markera som Redo → Redo', async () => {
    await page.getByRole('button', { name: 'Markera som Redo', exact: true }).click();
    await expect(main.getByText('Redo', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Markera som Redo', exact: true })).toHaveCount(0);
    await expect(page).toHaveURL(detailUrl);
    await ready(page);
    await checkA11y(page);
  });

  await test.step('the multi-year plan shows the exercise on the timeline and in the list', async () => {
    await page.goto('/plan?period=2026');
    await ready(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Flerårig övningsplan', exact: true })).toBeVisible();
    // Timeline items are links labelled "<name>, <when>, <format>, <status>, förvaltningen leder".
    await expect(page.getByRole('link', { name: new RegExp(`^${escapeRegExp(name)},`) })).toHaveCount(1);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toBeVisible();
    await expect(row).toContainText('Redo');
    await expect(row).toContainText('2026-12-09 09:00–12:00');
    await checkA11y(page);
  });

  await test.step('the coverage counts CA12 as planned', async () => {
    await page.goto('/tackning?period=2026');
    await ready(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Täckning av förmågeområden', exact: true })).toBeVisible();
    const byYear = page.getByRole('table', { name: /^Per år/ });
    await expect(byYear).toBeVisible();
    const row = byYear.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /CA12/ }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/[1-9]\d* planerade?/);
    await checkA11y(page);
  });
});
