import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkA11y, jsEnabled, login, ready } from './helpers';

/** A4 at 96 dpi less the print margins of style/main.css (12 mm each side): 186 mm. */
const A4_CONTENT_PX = Math.floor((186 / 25.4) * 96);

async function download(page: Page, name: RegExp): Promise<{ file: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await d.path();
  return { file: d.suggestedFilename(), bytes: readFileSync(path) };
}

test('the board viewer reads the dashboard, chooses period and area, opens the tables, downloads every chart and prints it on A4', async ({ page }) => {
  test.setTimeout(120_000);
  const main = page.getByRole('main');
  await login(page, 'styrelse');

  await test.step('the dashboard from the menu: headlines, heatmap, trend and coverage', async () => {
    await page.getByRole('link', { name: 'Beredskap', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Beredskapsläget H2 2026', exact: true })).toBeVisible();
    const headlines = page.getByRole('region', { name: 'Det viktigaste' }).getByRole('listitem');
    await expect(headlines.filter({ hasText: /^\d+ av \d+ förvaltningar når målnivån för / })).toHaveCount(1);
    await expect(headlines.filter({ hasText: /^\d+ av \d+ fastställda nivåer är inte verifierade genom övning\.$/ })).toHaveCount(1);
    await expect(headlines.filter({ hasText: /^\d+ av \d+ bedömningar är fastställda för H2 2026/ })).toHaveCount(1);
    for (const heading of ['Förmåga per förvaltning, H2 2026', 'Övningar per år under perioden']) {
      await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('img', { name: 'Diagram: Förmåga per förvaltning, H2 2026' })).toBeVisible();
    await expect(main.getByText(/^\d+ förmågeområden i \d+ förvaltningar, H2 2026: \d+ nivåer når målnivån/)).toBeVisible();
    await ready(page);
    await checkA11y(page);
  });

  await test.step('by keyboard: another area for the trend, then an earlier period', async () => {
    const area = page.getByLabel('Förmågeområde för utvecklingen', { exact: true });
    await area.focus();
    await area.selectOption({ label: 'Masskadeutfall och katastrofmedicin' });
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Indikator', { exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Visa', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/area=CA07/);
    await expect(page.getByRole('heading', { level: 2, name: 'Förmågenivå över tid: Masskadeutfall och katastrofmedicin', exact: true })).toBeVisible();
    await expect(main.getByText(/^Regionens median för Masskadeutfall och katastrofmedicin: \d i H1 2025/)).toBeVisible();
    await ready(page);
    await page.getByLabel('Bedömningsperiod', { exact: true }).selectOption({ label: 'H1 2026' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Beredskapsläget H1 2026', exact: true })).toBeVisible();
    await expect(page.getByLabel('Förmågeområde för utvecklingen', { exact: true })).toHaveValue('CA07');
    await ready(page);
    await checkA11y(page);
  });

  await test.step('"Visa som tabell" shows the heatmap as a table, each level a link to its assessment', async () => {
    await page.getByText('Visa som tabell: Förmåga per förvaltning, H1 2026').click();
    const table = page.getByRole('table', { name: 'Förmåga per förvaltning, H1 2026' });
    await expect(table).toBeVisible();
    const row = table.getByRole('row', { name: /^Masskadeutfall och katastrofmedicin/ });
    await expect(row.getByRole('link')).not.toHaveCount(0);
    await ready(page);
    await checkA11y(page);
  });

  await test.step('each chart downloads as SVG and as PNG', async () => {
    for (const [chart, stem] of [
      ['Förmåga per förvaltning, H1 2026', 'formaga-per-forvaltning-2026H1'],
      ['Förmågenivå över tid: Masskadeutfall och katastrofmedicin', 'formaga-over-tid-CA07-2026H1'],
      ['Övningar per år under perioden', 'ovningar-per-ar-2023'],
    ]) {
      const svg = await download(page, new RegExp(`^Ladda ned som SVG ?: ${chart}$`));
      expect(svg.file).toBe(`${stem}.svg`);
      expect(svg.bytes.toString('utf8')).toMatch(/^<svg[\s\S]*<title>[^<]+<\/title>[\s\S]*<\/svg>\s*$/);
      const png = await download(page, new RegExp(`^Ladda ned som PNG ?: ${chart}$`));
      expect(png.file).toBe(`${stem}.png`);
      expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.bytes.length).toBeGreaterThan(5_000);
    }
  });

  await test.step('printed, it fits A4: nothing wider than the page, no controls, charts whole', async () => {
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(A4_CONTENT_PX);
    for (const svg of await page.locator('.chart-svg svg').all()) {
      const box = await svg.boundingBox();
      expect(box && box.width).toBeLessThanOrEqual(A4_CONTENT_PX);
      expect(box && box.width).toBeGreaterThan(200);
    }
    await expect(page.getByRole('button', { name: 'Visa', exact: true })).toBeHidden();
    await expect(page.getByRole('link', { name: /^Ladda ned som PNG/ }).first()).toBeHidden();
    if (jsEnabled()) {
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    await page.emulateMedia({ media: 'screen' });
  });
});

test('unknown periods and areas are 404 pages; observers see no dashboard', async ({ page }) => {
  await login(page, 'styrelse');
  for (const path of ['/beredskap?period=2026H9', '/beredskap?area=CA99', '/beredskap/diagram/okand.svg']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  await page.goto('/beredskap?period=2026H9');
  await ready(page);
  await checkA11y(page);
  await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
  await login(page, 'observator');
  const res = await page.goto('/beredskap');
  expect(res?.status()).toBe(403);
});

test('the admin sets the evidence window: a bad value is refused next to the field and kept', async ({ page }) => {
  const main = page.getByRole('main');
  await login(page, 'admin');
  await page.getByRole('link', { name: 'Bedömningsinställningar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar för förmågebedömning', exact: true })).toBeVisible();
  await ready(page);
  await checkA11y(page);
  const months = page.getByLabel('Övningar verifierar en nivå i (månader)', { exact: true });
  await expect(months).toHaveValue('24');
  await months.fill('0');
  await page.getByRole('button', { name: 'Spara inställningar', exact: true }).click();
  await expect(main.getByText('Ange ett antal månader från 1 till 120.', { exact: true })).toBeVisible();
  await expect(months).toHaveValue('0');
  await ready(page);
  await checkA11y(page);
  await months.fill('24');
  await page.getByRole('button', { name: 'Spara inställningar', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' })).toBeVisible();
  await expect(months).toHaveValue('24');
  await ready(page);
  await checkA11y(page);
});
