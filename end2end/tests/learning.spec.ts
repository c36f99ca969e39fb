import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { checkA11y, jsEnabled, login, ready, submit } from './helpers';

/**
 * The learning loop, as a new user tries it: two evaluators rate the demo's "Övning Våg"
 * differently, the objective is flagged, the exercise leader sets the final rating; the report
 * comes out of it (printable on A4, the participants' version without the evaluators' notes)
 * and is approved; corrective actions are proposed and decided, one is re-tested in "Övning
 * Förråd", which is conducted and rated S, and the verifier verifies the action by citing it;
 * the heatmap shows the cell's open action until then. Beside it: a shortcoming from a real
 * event becomes an action in the same list, and every page of the loop passes axe with
 * JavaScript on and off.
 *
 * The loop changes the demo for good, so it runs once, in the JavaScript project; the page
 * tour and the real-event journey run in both.
 */

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: jsEnabled(),
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await login(page, username);
  return page;
}

async function exerciseId(page: Page, name: string): Promise<string> {
  await page.goto(`/ovningar?q=${encodeURIComponent(name.replace('Övning ', ''))}`);
  await ready(page);
  await page.getByRole('link', { name, exact: true }).click();
  await ready(page);
  const id = new URL(page.url()).pathname.split('/')[2];
  expect(id).toMatch(/^\d+$/);
  return id;
}

function objective(page: Page, number: number): Locator {
  return page.locator('section.objective-eval', {
    has: page.getByRole('heading', { level: 2, name: new RegExp(`^Mål ${number}:`) }),
  });
}

async function rate(page: Page, id: string, number: number, rating: string, why: string, notes = ''): Promise<void> {
  await page.goto(`/ovningar/${id}/utvardering`);
  await ready(page);
  const section = objective(page, number);
  await section.getByLabel('Bedömning', { exact: true }).selectOption({ label: rating });
  await section.getByLabel('Motivering', { exact: true }).fill(why);
  if (notes) await section.getByLabel('Interna anteckningar', { exact: true }).fill(notes);
  expect(await submit(page, section.getByRole('button', { name: 'Spara bedömning' }))).toBe(303);
  await ready(page);
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible();
}

test('two evaluators disagree, the leader decides, the report is approved and an action is verified by a later exercise', async ({
  page,
  browser,
}) => {
  test.skip(!jsEnabled(), 'the loop changes the demo for good: it runs once, with JavaScript');
  test.setTimeout(180_000);
  await login(page, 'planerare');
  const vag = await exerciseId(page, 'Övning Våg');
  const forrad = await exerciseId(page, 'Övning Förråd');

  const first = await as(browser, 'utvarderare');
  const second = await as(browser, 'utvarderare2');
  const leader = await as(browser, 'ovningsledare');

  await test.step('the two evaluators rate objective 1 differently and it is flagged', async () => {
    await rate(first, vag, 1, 'S – Genomfört med vissa utmaningar', 'Schemat höll med övertid.', 'Bemanningschefen bekräftade övertiden.');
    await checkA11y(first);
    await rate(second, vag, 1, 'M – Genomfört med stora utmaningar', 'Två avdelningar stängdes: en risk för patienterna.');
    await rate(first, vag, 2, 'P – Genomfört utan utmaningar', 'Lagren räcker i fyra månader.');
    await rate(second, vag, 2, 'P – Genomfört utan utmaningar', 'Lagerlistan visar fyra månader.');
    await leader.goto(`/ovningar/${vag}/utvardering`);
    await ready(leader);
    await expect(objective(leader, 1).getByText('Flaggat: utvärderarna är oeniga')).toBeVisible();
    await expect(objective(leader, 2).getByText('Slutbetyg:')).toContainText('P');
    await expect(leader.getByText('1 mål är flaggat.')).toBeVisible();
    await checkA11y(leader);
  });

  await test.step('the exercise leader sets the final rating with a reason', async () => {
    const section = objective(leader, 1);
    await section.getByLabel('Slutbetyg', { exact: true }).selectOption({ label: 'M – Genomfört med stora utmaningar' });
    await section.getByLabel('Motivering till slutbetyget', { exact: true }).fill('Stängda avdelningar gav en patientsäkerhetsrisk.');
    expect(await submit(leader, section.getByRole('button', { name: 'Spara slutbetyg' }))).toBe(303);
    await ready(leader);
    await expect(objective(leader, 1).getByText('(utvärderarna var oeniga)')).toBeVisible();
    await expect(leader.getByText('2 av 2 mål har slutbetyg.')).toBeVisible();
  });

  await test.step('an area for improvement and the hotwash are recorded', async () => {
    await leader.getByText('Lägg till styrka eller förbättringsområde').click();
    const form = leader.locator('details.add-finding form');
    await form.getByLabel('Rubrik', { exact: true }).fill('Bemanningsplanen saknar reservlistor');
    await form.getByLabel('Beskrivning', { exact: true }).fill('Vid 20 % frånvaro fanns ingen lista över personal att kalla in.');
    await form.getByLabel('Mål', { exact: true }).selectOption({ index: 1 });
    await form.getByLabel('Förmågeområde', { exact: true }).selectOption('CA05');
    await form.getByLabel('Förvaltning', { exact: true }).selectOption({ label: 'NSVH – Närsjukvården Halland' });
    expect(await submit(leader, form.getByRole('button', { name: 'Spara' }))).toBe(303);
    await ready(leader);
    await expect(leader.locator('ul.findings strong', { hasText: 'Bemanningsplanen saknar reservlistor' })).toBeVisible();
    await leader.getByLabel('Genomgång efter övning (hotwash)').fill('Bra: lagerläget. Mindre bra: reservlistor saknas.');
    await leader.getByLabel('Sammanfattning', { exact: true }).fill('Övning Våg prövade bemanning och lager vid en pandemivåg.');
    expect(await submit(leader, leader.locator('#rapporttext').getByRole('button', { name: 'Spara' }))).toBe(303);
    await ready(leader);
    await checkA11y(leader);
  });

  await test.step('the report: in full with the notes, for participants without them, printable on A4', async () => {
    await page.goto(`/ovningar/${vag}/rapport`);
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Övning Våg');
    await expect(page.getByText('Bemanningschefen bekräftade övertiden.')).toBeVisible();
    await expect(page.getByText('Övning Våg prövade bemanning och lager')).toBeVisible();
    await checkA11y(page);
    await page.getByRole('link', { name: 'Visa deltagarversionen' }).click();
    await ready(page);
    await expect(page.getByText('Deltagarversion')).toBeVisible();
    await expect(page.getByText('Bemanningschefen bekräftade övertiden.')).toHaveCount(0);
    await expect(page.getByText('Schemat höll med övertid.')).toBeVisible();
    await checkA11y(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  await test.step('the planner approves the report and closes the exercise', async () => {
    await page.goto(`/ovningar/${vag}/rapport`);
    await ready(page);
    expect(await submit(page, page.getByRole('button', { name: 'Godkänn rapporten' }))).toBe(303);
    await ready(page);
    await expect(page.getByText('Rapporten är godkänd. Övningen kan nu avslutas.')).toBeVisible();
    await expect(page.getByText(/Rapporten godkändes av Per Beredskapssamordnare/)).toBeVisible();
    await checkA11y(page);
    await page.goto(`/ovningar/${vag}`);
    await ready(page);
    await page.getByRole('button', { name: 'Avsluta', exact: true }).click();
    await ready(page);
    await expect(page.locator('.badge.status-avslutad').first()).toBeVisible();
  });

  let actionUrl = '';
  await test.step('two corrective actions are proposed and decided; one is re-tested in Övning Förråd', async () => {
    await page.goto(`/ovningar/${vag}/utvardering`);
    await ready(page);
    await page.getByRole('link', { name: 'Visa kedjan: beslut, åtgärder, verifiering' }).first().click();
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bemanningsplanen saknar reservlistor');
    await checkA11y(page);
    for (const [text, owner] of [
      ['Reservlistor för bemanning per avdelning', 'NSVH – Närsjukvården Halland'],
      ['Avtal med bemanningsföretag vid pandemi', 'RK – Regionkontoret'],
    ]) {
      const chain = page.url();
      await page.getByLabel('Åtgärd', { exact: true }).fill(text);
      await page.getByLabel('Ägande förvaltning').selectOption({ label: owner });
      await page.getByLabel('Ansvarig', { exact: true }).selectOption({ label: 'Hanna Säkerhetspartner (HS)' });
      await page.getByLabel('Senast', { exact: true }).fill('2027-06-30');
      await page.getByLabel('POETE-element').selectOption({ label: 'O – Organisation' });
      await page.getByLabel('Förmågeområde', { exact: true }).selectOption('CA05');
      await page.getByRole('button', { name: 'Föreslå åtgärden' }).click();
      await page.waitForURL(/\/atgarder\/\d+/);
      await ready(page);
      await expect(page.locator('.badge.action-foreslagen')).toBeVisible();
      await page.getByLabel('Verifieringskriterium').fill('Reservlistan används i nästa övning där förvaltningen deltar.');
      await page.getByLabel('Verifierare', { exact: true }).selectOption({ label: 'Per Beredskapssamordnare' });
      await page.getByRole('button', { name: 'Besluta åtgärden' }).click();
      await ready(page);
      await expect(page.locator('.badge.action-beslutad')).toBeVisible();
      if (!actionUrl) actionUrl = page.url().split('?')[0];
      await page.goto(chain);
      await ready(page);
    }
    await page.goto(actionUrl);
    await ready(page);
    await expect(page.locator('#aterprov-rubrik + p a')).toHaveText('Övning Förråd');
    await checkA11y(page);
    await page.getByRole('button', { name: 'Lägg till återprovet som mål' }).click();
    await ready(page);
    await expect(page.getByText('Återprovas som mål i')).toBeVisible();
  });

  await test.step('the heatmap shows the open action in its cell', async () => {
    await page.goto('/beredskap/bedomningar');
    await ready(page);
    await expect(page.getByRole('link', { name: /1 åtgärd NSVH CA05/ })).toBeVisible();
    await checkA11y(page);
    await page.goto('/atgarder');
    await ready(page);
    await expect(page.getByRole('link', { name: 'Reservlistor för bemanning per avdelning' })).toBeVisible();
    await checkA11y(page);
  });

  await test.step('Övning Förråd is conducted and its re-test objective rated S', async () => {
    await page.goto(`/ovningar/${forrad}`);
    await ready(page);
    for (const step of ['Markera som Redo', 'Starta övningen']) {
      await page.goto(`/ovningar/${forrad}`);
      await ready(page);
      await page.getByRole('button', { name: step, exact: true }).click();
      await ready(page);
    }
    await page.goto(`/ovningar/${forrad}`);
    await ready(page);
    await page.getByRole('button', { name: 'Markera som Genomförd', exact: true }).click();
    await ready(page);
    await page.goto(`/ovningar/${forrad}/bemanning`);
    await ready(page);
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Ulla Utvärderare (Utvärderare)' });
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Utvärderare' });
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await ready(page);
    await page.goto(`/ovningar/${forrad}/utvardering`);
    await ready(page);
    const retest = objective(page, 2);
    await expect(retest.getByRole('heading', { level: 2 })).toContainText('Återpröva åtgärd: Reservlistor för bemanning per avdelning');
    await retest.getByText('Kritiska uppgifter och utvärderare').click();
    await retest.getByLabel('Ulla Utvärderare').check();
    await retest.getByRole('button', { name: 'Spara utvärderare' }).click();
    await ready(page);
    await rate(first, forrad, 2, 'S – Genomfört med vissa utmaningar', 'Reservlistan användes; två nummer var inaktuella.');
  });

  await test.step('the verifier verifies the action by citing the re-test', async () => {
    await page.goto(actionUrl);
    await ready(page);
    await page.getByRole('button', { name: 'Markera som pågår' }).click();
    await ready(page);
    await page.getByRole('button', { name: 'Markera som genomförd' }).click();
    await ready(page);
    const cited = page.getByLabel('Mål i en senare övning');
    const value = await cited.locator('option', { hasText: 'Övning Förråd' }).filter({ hasText: '[S]' }).getAttribute('value');
    await cited.selectOption(value ?? '');
    await page.getByLabel('Lärdom', { exact: true }).fill('Reservlistor per avdelning håller bemanningen vid 20 % frånvaro.');
    await page.getByRole('button', { name: 'Verifiera åtgärden' }).click();
    await ready(page);
    await expect(page.locator('.badge.action-verifierad')).toBeVisible();
    await expect(page.getByText(/Verifierad av Per Beredskapssamordnare .* genom/)).toBeVisible();
    await checkA11y(page);
    await page.goto('/beredskap/bedomningar');
    await ready(page);
    await expect(page.getByRole('link', { name: /NSVH CA05/ }).filter({ hasText: 'åtgärd' })).toHaveCount(0);
    await page.goto('/lardomar?q=reservlistor');
    await ready(page);
    await expect(page.getByText('Reservlistor per avdelning håller bemanningen')).toBeVisible();
    await checkA11y(page);
  });
});

test('a shortcoming from a real event becomes a corrective action in the same list', async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Reservkraften i Kungsbacka startade inte (${test.info().project.name})`;
  await login(page, 'planerare');
  await page.goto('/brister');
  await ready(page);
  await checkA11y(page);
  await page.getByText('Registrera en brist utanför övning').click();
  const form = page.locator('details.add-finding form');
  // Only spaces: the browser lets it through, the server refuses it.
  await form.getByLabel('Rubrik', { exact: true }).fill('   ');
  expect(await submit(page, form.getByRole('button', { name: 'Registrera bristen' }))).toBe(422);
  await ready(page);
  await expect(page.getByText('Rubriken måste fyllas i.')).toBeVisible();
  await checkA11y(page);
  await form.getByLabel('Källa', { exact: true }).selectOption('verklig_handelse');
  await form.getByLabel('Händelse eller dokument').fill('Strömavbrottet i Kungsbacka, november 2026');
  await form.getByLabel('Rubrik', { exact: true }).fill(title);
  await form.getByLabel('Förmågeområde', { exact: true }).selectOption('CA09');
  await form.getByLabel('Förvaltning', { exact: true }).selectOption({ label: 'RGS – Regionservice' });
  await form.getByRole('button', { name: 'Registrera bristen' }).click();
  await page.waitForURL(/\/brister\/\d+/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await checkA11y(page);
  await page.getByLabel('Åtgärd', { exact: true }).fill(`Provstarta reservkraften varje månad (${test.info().project.name})`);
  await page.getByLabel('Ägande förvaltning').selectOption({ label: 'RGS – Regionservice' });
  await page.getByLabel('Ansvarig', { exact: true }).selectOption({ label: 'Sara Säkerhetschef' });
  await page.getByLabel('Senast', { exact: true }).fill('2027-02-28');
  await page.getByLabel('POETE-element').selectOption({ label: 'E – Utrustning' });
  await page.getByLabel('Förmågeområde', { exact: true }).selectOption('CA09');
  await page.getByRole('button', { name: 'Föreslå åtgärden' }).click();
  await page.waitForURL(/\/atgarder\/\d+/);
  await ready(page);
  // The responsible person cannot verify.
  await page.getByLabel('Verifieringskriterium').fill('Tolv provstarter i rad utan fel.');
  await page.getByLabel('Verifierare', { exact: true }).selectOption({ label: 'Sara Säkerhetschef' });
  expect(await submit(page, page.getByRole('button', { name: 'Besluta åtgärden' }))).toBe(422);
  await ready(page);
  await expect(page.getByText('Den som verifierar får inte vara den ansvariga personen.')).toBeVisible();
  await checkA11y(page);
  await page.goto('/atgarder?source=verklig_handelse');
  await ready(page);
  await expect(page.getByRole('link', { name: `Provstarta reservkraften varje månad (${test.info().project.name})` })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await checkA11y(page);
});

test('every page of the learning loop passes axe', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'planerare');
  const sorl = await exerciseId(page, 'Övning Sorl');
  for (const path of [
    `/ovningar/${sorl}`,
    `/ovningar/${sorl}/utvardering`,
    `/ovningar/${sorl}/rapport`,
    `/ovningar/${sorl}/rapport?deltagare=1`,
    '/brister',
    '/atgarder',
    '/atgarder?status=alla',
    '/lardomar',
    '/lardomar?q=WIS',
    '/tackning',
    '/plan',
    '/beredskap',
  ]) {
    await page.goto(path);
    await ready(page);
    await checkA11y(page);
  }
  await page.goto(`/ovningar/${sorl}/utvardering`);
  await page.getByRole('link', { name: 'Visa kedjan: beslut, åtgärder, verifiering' }).first().click();
  await ready(page);
  await expect(page.getByRole('list', { name: 'Lärandekedjan' })).toBeVisible();
  await checkA11y(page);
  await page.goto('/atgarder?status=alla');
  await page.getByRole('link', { name: 'Mall för lägesrapport RSSL→LSSL; öva rapportering i WIS' }).click();
  await ready(page);
  await expect(page.getByRole('list', { name: 'Åtgärdens steg' })).toBeVisible();
  await checkA11y(page);
});

test('without JavaScript the evaluation is plain forms: a refused rating keeps what was typed, and the flag and final rating follow', async ({
  page,
  browser,
}) => {
  test.skip(jsEnabled(), 'the same forms with JavaScript are in the loop above');
  test.setTimeout(120_000);
  await login(page, 'utvarderare');
  const torka = await exerciseId(page, 'Övning Torka');
  await page.goto(`/ovningar/${torka}/utvardering`);
  await checkA11y(page);
  const section = objective(page, 1);
  await section.getByLabel('Bedömning', { exact: true }).selectOption({ label: 'S – Genomfört med vissa utmaningar' });
  await section.getByLabel('Motivering', { exact: true }).fill('   ');
  await section.getByLabel('Interna anteckningar', { exact: true }).fill('Dialysens behov räknades i liter per dygn.');
  expect(await submit(page, section.getByRole('button', { name: 'Spara bedömning' }))).toBe(422);
  const refused = objective(page, 1);
  await expect(refused.getByText('Motiveringen måste fyllas i.')).toBeVisible();
  await expect(refused.getByLabel('Interna anteckningar', { exact: true })).toHaveValue('Dialysens behov räknades i liter per dygn.');
  await expect(refused.getByLabel('Bedömning', { exact: true })).toHaveValue('S');
  await checkA11y(page);
  await rate(page, torka, 1, 'S – Genomfört med vissa utmaningar', 'Behovet är känt men inte dokumenterat för sterilteknik.');
  const second = await as(browser, 'utvarderare2');
  await rate(second, torka, 1, 'P – Genomfört utan utmaningar', 'Behoven dokumenterades i övningen.');
  const leader = await as(browser, 'planerare.hs');
  await leader.goto(`/ovningar/${torka}/utvardering`);
  const flagged = objective(leader, 1);
  await expect(flagged.getByText('Flaggat: utvärderarna är oeniga')).toBeVisible();
  await checkA11y(leader);
  await flagged.getByLabel('Slutbetyg', { exact: true }).selectOption({ label: 'S – Genomfört med vissa utmaningar' });
  await flagged.getByLabel('Motivering till slutbetyget', { exact: true }).fill('Sterilteknikens behov saknas i dokumentationen.');
  expect(await submit(leader, flagged.getByRole('button', { name: 'Spara slutbetyg' }))).toBe(303);
  await expect(objective(leader, 1).getByText('(utvärderarna var oeniga)')).toBeVisible();
  await checkA11y(leader);
  await leader.goto(`/ovningar/${torka}/rapport`);
  await expect(leader.getByText('Rapporten är inte godkänd.')).toBeVisible();
  await checkA11y(leader);
});
