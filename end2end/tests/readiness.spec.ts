import { expect, test, type Page } from '@playwright/test';
import { checkA11y, escapeRegExp, login, ready } from './helpers';

// Each project assesses its own cell, so the two can run against one server.
const AREA: Record<string, string> = { js: 'CA02', nojs: 'CA05' };
const TITLE: Record<string, string> = {
  CA02: 'Krisledning och samverkan (RKL, KLN, RSSL/LSSL, ISF)',
  CA05: 'Krigsorganisation, krigsplacering och personalförsörjning',
  CA06: 'Beredskapsplanering för höjd beredskap',
};

/** The dashboard's heatmap row of an area (from its table): HS's cell and how many meet target. */
async function boardRow(page: Page, area: string): Promise<{ hs: string; meets: number; of: number; headline: string }> {
  await page.goto(`/beredskap?area=${area}`);
  await ready(page);
  await page.getByText('Visa som tabell: Förmåga per förvaltning, H2 2026', { exact: true }).click();
  const table = page.getByRole('table', { name: /^Förmåga per förvaltning, H2 2026$/ });
  const codes = (await table.locator('thead th').allTextContents()).map((c) => c.trim());
  const cells = (await table.getByRole('row', { name: new RegExp(`^${escapeRegExp(TITLE[area])}`) }).locator('td').allTextContents()).map((c) => c.trim());
  expect(cells).toHaveLength(codes.length - 1);
  const meets = cells.filter((c) => /^\d/.test(c) && !c.includes('under målnivån')).length;
  const headline = (await page.getByRole('region', { name: 'Det viktigaste' }).getByRole('listitem').first().textContent()) ?? '';
  return { hs: cells[codes.indexOf('HS') - 1], meets, of: cells.length, headline };
}

test('the HS planner enters and submits an assessment in the grid, the region planner approves it', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const area = AREA[testInfo.project.name] ?? 'CA06';
  const main = page.getByRole('main');

  await login(page, 'planerare.hs');

  const before = await boardRow(page, area);
  expect(before.headline).toContain(`${before.meets} av ${before.of} förvaltningar når målnivån för ${TITLE[area]}`);
  expect(before.hs, 'HS has no level of its own for H2 2026 yet').not.toMatch(/^2\s*▼ under målnivån(, ○ ej verifierad genom övning)?$/);

  await test.step('the grid of the current period, reached from the menu and the dashboard', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Beredskap', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Beredskapsläget H2 2026', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Förmågebedömningar för perioden (H2 2026)', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Förmågebedömningar H2 2026', exact: true })).toBeVisible();
    await ready(page);
    await checkA11y(page);
    // The HS planner assesses HS only: other förvaltningar's empty cells have no link.
    await expect(page.getByRole('link', { name: new RegExp(`^Bedöm NSVH ${area}`) })).toHaveCount(0);
    // By keyboard: the cell's link takes focus and Enter opens it.
    await page.getByRole('link', { name: new RegExp(`^Bedöm HS ${area}`) }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/beredskap\/bedomningar\/ny\?/);
    await ready(page);
    await checkA11y(page);
  });

  await test.step('below target without a justification is refused next to the field, with the levels kept', async () => {
    await page.getByLabel('Planer', { exact: true }).selectOption('3');
    await page.getByLabel('Organisation/bemanning', { exact: true }).selectOption('2');
    await page.getByLabel('Utrustning/materiel', { exact: true }).selectOption('3');
    await page.getByLabel('Utbildning', { exact: true }).selectOption('3');
    await page.getByLabel('Övning', { exact: true }).selectOption('3');
    await page.getByLabel('Brister', { exact: true }).fill('Bemanningen av staben räcker inte för dygnet runt');
    await page.getByRole('button', { name: 'Spara utkast', exact: true }).click();
    await expect(main.getByText('Nivån är under målnivån: skriv en motivering.', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Organisation/bemanning', { exact: true })).toHaveValue('2');
    await expect(page.getByLabel('Brister', { exact: true })).toHaveValue('Bemanningen av staben räcker inte för dygnet runt');
    await ready(page);
    await checkA11y(page);
  });

  await test.step('saved as a draft, then submitted', async () => {
    await page.getByLabel('Motivering', { exact: true }).fill('Staben kan inte bemannas i skift.');
    await page.getByRole('button', { name: 'Spara utkast', exact: true }).click();
    await expect(page).toHaveURL(/\/beredskap\/bedomningar\/\d+$/);
    await expect(main.getByText('Utkast', { exact: true })).toBeVisible();
    await expect(main.getByText(/^Samlad nivå: 2 – Bristfällig/)).toBeVisible();
    await ready(page);
    await checkA11y(page);
    await page.getByRole('button', { name: 'Lämna in för fastställelse', exact: true }).click();
    await expect(main.getByText('Inlämnad', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Fastställ', exact: true })).toHaveCount(0);
    await ready(page);
    await checkA11y(page);
  });
  const url = page.url();

  await test.step('the region planner approves it, and the grid shows it as approved below target', async () => {
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await login(page, 'planerare');
    await page.goto(url);
    await ready(page);
    await page.getByRole('button', { name: 'Fastställ', exact: true }).click();
    await expect(main.getByText('Fastställd', { exact: true }).first()).toBeVisible();
    await expect(main.getByText(/^Senast fastställd: 2 – Bristfällig/)).toBeVisible();
    await ready(page);
    await checkA11y(page);
    await page.getByRole('link', { name: /Alla bedömningar för perioden/ }).click();
    const cell = page.getByRole('link', { name: new RegExp(`^HS ${area} .*: Nivå 2, under målnivån, .*Fastställd$`) });
    await expect(cell).toContainText('Fastställd');
    await ready(page);
    await checkA11y(page);
  });

  await test.step('the dashboard shows the approved level in the heatmap and counts it in the headline', async () => {
    const after = await boardRow(page, area);
    expect(after.hs).toMatch(/^2\s*▼ under målnivån(, ○ ej verifierad genom övning)?$/);
    expect(after.headline).toContain(`${after.meets} av ${after.of} förvaltningar når målnivån för ${TITLE[area]}`);
    expect(after.meets).toBe(before.meets - (/^\d/.test(before.hs) && !before.hs.includes('under målnivån') ? 1 : 0));
    await checkA11y(page);
  });
});

test('observers do not see assessments', async ({ page }) => {
  await login(page, 'observator');
  await expect(page.getByRole('link', { name: 'Beredskap', exact: true })).toHaveCount(0);
  const res = await page.goto('/beredskap/bedomningar');
  expect(res?.status()).toBe(403);
  expect((await page.goto('/beredskap'))?.status()).toBe(403);
});
