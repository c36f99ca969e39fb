import { expect, test, type Page } from '@playwright/test';
import { checkA11y, login, ready } from './helpers';

/**
 * NÖK follow-up, the reporting calendar, indicators and frozen briefs, as a planner and an
 * administrator use them. Both projects run against one server: each changes its own areas.
 */
const TICKED: Record<string, { code: string; title: string }> = {
  js: { code: 'K6', title: 'Rapportering / lägesbild' },
  nojs: { code: 'K2', title: 'Plan för extraordinära händelser' },
};
/** The area each project gives a manual status before its second brief. */
const CHANGED: Record<string, { code: string; title: string }> = {
  js: { code: 'K4', title: 'Utbildnings- och övningsplan' },
  nojs: { code: 'K5', title: 'Tjänsteman i beredskap / larm' },
};
/** The agreement each project rolls over (a version can be rolled over once). */
const ROLLED: Record<string, string> = {
  js: 'Överenskommelse om regionernas arbete med krisberedskap och civilt försvar 2024–2026',
  nojs: 'Statsbidrag till regioner för hälso- och sjukvårdens beredskap, förordning (2023:489)',
};

async function openArea(page: Page, title: string): Promise<void> {
  await page.goto('/nok');
  await ready(page);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await ready(page);
}

test('the planner ticks a criterion, the suggested status and the NÖK chart follow; a manual status needs a reason', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const area = TICKED[testInfo.project.name] ?? TICKED.js;
  const main = page.getByRole('main');
  await login(page, 'planerare');

  await test.step('the overview from the menu: statuses, criteria counts, an overdue area standing out', async () => {
    await page.getByRole('link', { name: 'NÖK', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'NÖK-uppföljning', exact: true })).toBeVisible();
    const k3 = main.getByRole('row', { name: /^K3 Krisledningsnämnd/ });
    await expect(k3).toContainText('Delvis uppfylld');
    await expect(k3).toContainText(/försenad \d+ dagar?/);
    await expect(main.getByRole('row', { name: /^C2 Säkerhetsskydd/ })).toContainText('satt manuellt');
    await checkA11y(page);
  });

  await test.step('an area: its checklist, evidence counted automatically from an exercise, its history', async () => {
    await openArea(page, 'Krisledningsnämnd');
    await expect(main.getByText('räknas automatiskt').first()).toBeVisible();
    await expect(main.getByRole('heading', { level: 2, name: 'Historik', exact: true })).toBeVisible();
    await checkA11y(page);
  });

  await test.step('by keyboard: ticking the last grundläggande krav makes the suggestion Uppfylld', async () => {
    await openArea(page, area.title);
    const status = page.getByRole('region', { name: 'Status', exact: true });
    await expect(status).toContainText('Delvis uppfylld');
    const boxes = page.getByRole('group', { name: 'Grundläggande krav', exact: true }).getByRole('checkbox');
    const count = await boxes.count();
    for (let i = 0; i < count; i++) {
      const box = boxes.nth(i);
      if (!(await box.isChecked())) {
        await box.focus();
        await page.keyboard.press('Space');
      }
    }
    await page.getByRole('button', { name: 'Spara kriterierna', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sparat=kriterier/);
    await ready(page);
    await expect(status).toContainText('Uppfylld');
    await expect(status).toContainText(`${count} av ${count} grundläggande krav uppfyllda`);
    await checkA11y(page);
  });

  await test.step('a manual status other than the suggestion without a reason is refused next to the field', async () => {
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Påbörjad' });
    await page.getByRole('button', { name: 'Spara status', exact: true }).click();
    await expect(main.getByText('Skriv varför statusen skiljer sig från den som kriterierna föreslår.')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('paborjad');
    await ready(page);
    await checkA11y(page);
  });

  await test.step('the dashboard: the NÖK chart with its table, the next deadlines, an indicator against its target', async () => {
    await page.goto('/beredskap');
    await ready(page);
    const title = /^NÖK-uppfyllnad: Överenskommelse om regionernas arbete/;
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Diagram: NÖK-uppfyllnad/ })).toBeVisible();
    await page.getByText(/^Visa som tabell: NÖK-uppfyllnad/).click();
    const row = page.getByRole('table', { name: title }).getByRole('row', { name: new RegExp(`^${area.code} `) });
    await expect(row).toContainText('Uppfylld');
    const deadlines = page.getByRole('region', { name: 'Rapportering de närmaste 90 dagarna' });
    await expect(deadlines).toContainText('Årlig uppföljning av överenskommelsen 2026');
    await expect(deadlines).not.toContainText('Risk- och sårbarhetsanalys 2027–2030');
    await expect(page.getByRole('heading', { level: 2, name: 'Bränder i regionens lokaler och verksamheter (st)' })).toBeVisible();
    await checkA11y(page);
  });
});

test('a planner freezes the dashboard; after the data change the brief does not, and the comparison shows what did', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const main = page.getByRole('main');
  const suffix = testInfo.project.name;
  await login(page, 'planerare');

  const freeze = async (title: string) => {
    await page.goto('/beredskap');
    await ready(page);
    await page.getByText('Frys översikten som rapport', { exact: true }).click();
    await page.getByLabel('Rubrik', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Frys rapporten', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
    await ready(page);
    return page.url();
  };

  let first = '';
  let frozenTable = '';
  await test.step('a title is needed; then the brief is frozen with its charts', async () => {
    await page.goto('/beredskap');
    await ready(page);
    await page.getByText('Frys översikten som rapport', { exact: true }).click();
    await page.getByLabel('Rubrik', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Frys rapporten', exact: true }).click();
    await expect(main.getByText('Ge rapporten en rubrik.')).toBeVisible();
    await ready(page);
    await checkA11y(page);
    first = await freeze(`Rapport A ${suffix}`);
    await expect(main.getByText(/^Fryst av Per Beredskapssamordnare/)).toBeVisible();
    await expect(page.getByRole('img', { name: /^Diagram: NÖK-uppfyllnad/ })).toBeVisible();
    frozenTable = await page.locator('.brief-body').innerHTML();
    await checkA11y(page);
  });

  const changed = CHANGED[suffix] ?? CHANGED.js;
  await test.step('the data change (an area gets a manual status), the frozen brief stays as it was', async () => {
    await openArea(page, changed.title);
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Delvis uppfylld' });
    await page.getByLabel('Motivering', { exact: true }).fill(`Planen för 2027–2030 saknas (${suffix})`);
    await page.getByRole('button', { name: 'Spara status', exact: true }).click();
    await expect(page).toHaveURL(/sparat=status/);
    await page.goto(first);
    await ready(page);
    expect(await page.locator('.brief-body').innerHTML()).toBe(frozenTable);
  });

  await test.step('a second brief, and "vad har ändrats sedan förra rapporten"', async () => {
    await freeze(`Rapport B ${suffix}`);
    await page.getByRole('link', { name: 'Vad har ändrats sedan förra rapporten', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vad har ändrats sedan förra rapporten' })).toBeVisible();
    const row = main.getByRole('row', { name: new RegExp(`^${changed.code} `) });
    await expect(row).toContainText('Delvis uppfylld');
    await ready(page);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Till de frysta rapporterna', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Frysta rapporter', exact: true })).toBeVisible();
    await expect(main.getByRole('link', { name: `Rapport A ${suffix}`, exact: true })).toBeVisible();
    await ready(page);
    await checkA11y(page);
  });
});

test('the calendar says MSB (nu MCF) on older reports; an indicator value is entered, a bad one refused', async ({ page }) => {
  const main = page.getByRole('main');
  await login(page, 'planerare');
  await page.goto('/kalender');
  await ready(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Rapporteringskalender', exact: true })).toBeVisible();
  const rsa = main.getByRole('row', { name: /^Risk- och sårbarhetsanalys 2027–2030/ });
  await expect(rsa).toContainText('2027-10-31');
  await expect(rsa).toContainText('Myndigheten för civilt försvar (MCF)');
  await expect(main.getByRole('row', { name: /^Risk- och sårbarhetsanalys 2023–2026/ })).toContainText('MSB (nu MCF)');
  await checkA11y(page);

  // A new deadline: a too long title is refused beside the field; then it is saved, and the
  // dashboard lists it among the next 90 days.
  const title = `Redovisning av länsövningen till länsstyrelsen (${test.info().project.name})`;
  await page.getByText('Lägg till rapportering', { exact: true }).click();
  const add = page.locator('details.add-deadline');
  await add.getByLabel('Rapportering', { exact: true }).fill('x'.repeat(301));
  await add.getByLabel('Slag', { exact: true }).selectOption({ label: 'Annat' });
  await add.getByLabel('Senast', { exact: true }).fill('2027-01-20');
  await add.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.locator('details.add-deadline').getByText('Benämning får vara högst 300 tecken.')).toBeVisible();
  await ready(page);
  await checkA11y(page);
  await page.locator('details.add-deadline').getByLabel('Rapportering', { exact: true }).fill(title);
  await page.locator('details.add-deadline').getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page).toHaveURL(/sparat=/);
  await expect(main.getByRole('row', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) })).toContainText('2027-01-20');
  await ready(page);
  await checkA11y(page);
  await page.goto('/beredskap');
  await expect(page.getByRole('region', { name: 'Rapportering de närmaste 90 dagarna' })).toContainText(title);

  await page.goto('/indikatorer');
  await ready(page);
  await checkA11y(page);
  await page.getByRole('link', { name: 'Genomförda egenkontroller enligt SBA', exact: true }).click();
  await ready(page);
  const form = page.getByRole('main');
  await form.getByLabel('Gäller', { exact: true }).selectOption({ label: 'Regionen' });
  await form.getByLabel('År', { exact: true }).selectOption('2026');
  await form.getByLabel(/^Värde/).fill('nittiofem');
  await form.getByRole('button', { name: 'Spara värdet', exact: true }).click();
  await expect(main.getByText(/^Ange ett tal, till exempel 12 eller 12,5/)).toBeVisible();
  await expect(form.getByLabel(/^Värde/)).toHaveValue('nittiofem');
  await ready(page);
  await checkA11y(page);
  await form.getByLabel('År', { exact: true }).selectOption('2026');
  await form.getByLabel(/^Värde/).fill('95,5');
  await form.getByRole('button', { name: 'Spara värdet', exact: true }).click();
  await expect(page).toHaveURL(/sparat=varde/);
  await expect(main.getByText(/: 95,5 % år 2026, mot basvärdet 62 % \(2019\)/)).toBeVisible();
  await ready(page);
  await checkA11y(page);
});

test('the admin rolls an agreement over: evidence follows the mapping, marked as carried, and the old version is unchanged', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const name = ROLLED[testInfo.project.name] ?? ROLLED.js;
  const main = page.getByRole('main');
  await login(page, 'admin');
  await page.goto('/nok');
  await ready(page);
  await page.getByLabel('Överenskommelse', { exact: true }).selectOption({ label: `${name} (gäller nu)` });
  await page.getByRole('button', { name: 'Visa', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  await ready(page);
  await page.getByRole('link', { name: 'Skapa nästa version av överenskommelsen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ny version: ${name}` })).toBeVisible();
  await ready(page);
  await checkA11y(page);

  await page.getByLabel('Namn', { exact: true }).fill(`${name} – ny version`);
  await page.getByLabel('Gäller till', { exact: true }).fill('2030-12-31');
  if (testInfo.project.name === 'nojs') {
    await page.getByLabel('C6 Hantering av masskadehändelser').fill('C6, C11');
    await page.getByLabel('Nya kravområden', { exact: true }).fill('C11 Lagringsskyldighet för sjukvårdsprodukter');
  } else {
    // A mapping to a malformed code is refused next to its field, the rest kept.
    await page.getByLabel('K3 Krisledningsnämnd').fill('K 2!');
    await page.getByRole('button', { name: 'Skapa den nya versionen', exact: true }).click();
    await expect(main.getByText('Koden får bara innehålla bokstäver A–Z och siffror.')).toBeVisible();
    await ready(page);
    await checkA11y(page);
    await page.getByLabel('K3 Krisledningsnämnd').fill('K2');
    await page.getByLabel('C9 Ledningsplatser och skyddade utrymmen').fill('');
  }
  await page.getByRole('button', { name: 'Skapa den nya versionen', exact: true }).click();
  await expect(main.getByText('Den nya versionen är skapad.')).toBeVisible();
  await expect(main.getByText(/^Förnyad från/)).toBeVisible();
  await ready(page);
  await checkA11y(page);
  const carriedArea = testInfo.project.name === 'nojs' ? 'Hantering av masskadehändelser' : 'Plan för extraordinära händelser';
  await main.getByRole('link', { name: carriedArea, exact: true }).first().click();
  await expect(main.getByText(/^överfört från/).first()).toBeVisible();
  await ready(page);
  await checkA11y(page);
  // The old version reads as it did, and points to its successor.
  await page.goto('/nok');
  await ready(page);
  await page.getByLabel('Överenskommelse', { exact: true }).selectOption({ label: `${name} (gäller nu)` });
  await page.getByRole('button', { name: 'Visa', exact: true }).click();
  await expect(main.getByText('Den här versionen har förnyats.')).toBeVisible();
  await expect(main.getByRole('link', { name: 'Skapa nästa version av överenskommelsen' })).toHaveCount(0);
  await ready(page);
  await checkA11y(page);
});
