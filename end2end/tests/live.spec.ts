import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, checkA11y, jsEnabled, login, ready } from './helpers';

/**
 * Live conduct of the demo's "Övning Isvind": the exercise leader (control) starts play, sends
 * injects and logs; an observer in a second browser follows without reloading and never sees an
 * unsent inject; entries written with the network cut wait on the device and reach the server
 * once each, also after a reload while offline and after the session expired.
 *
 * Both projects share one server: whichever runs first starts play, the other finds it running.
 */

/** Opens the live view of Övning Isvind from the exercise list. */
async function openLive(page: Page): Promise<string> {
  await page.goto('/ovningar?q=Isvind');
  await ready(page);
  await page.getByRole('link', { name: 'Övning Isvind', exact: true }).click();
  await ready(page);
  await page.getByRole('link', { name: 'Öppna liveläget', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liveläge: Övning Isvind');
  await ready(page);
  return new URL(page.url()).pathname;
}

async function startIfReady(page: Page): Promise<void> {
  const start = page.getByRole('button', { name: 'Starta övningen', exact: true });
  if (await start.isVisible()) {
    await start.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liveläge: Övning Isvind');
    await ready(page);
  }
  await expect(page.locator('.clock-state')).toHaveText(/Spelet pågår|Pausad/);
}

async function newUser(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled: jsEnabled(),
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/** How many rows of the exported log say exactly `text`. */
async function storedCount(page: Page, live: string, text: string): Promise<number> {
  const csv = await (await page.request.get(live.replace('/live', '/export/logg.csv'))).text();
  return csv.split('\r\n').filter((row) => row.split(';')[5] === text).length;
}

test('the leader starts play, sends an inject and logs; the observer follows at once and never sees an unsent inject', async ({ page, browser }) => {
  test.skip(!jsEnabled(), 'the plain form journey is below');
  test.setTimeout(120_000);
  await login(page, 'ovningsledare');
  const live = await openLive(page);
  const observer = await newUser(browser, 'observator');
  await observer.page.goto(live);
  await ready(observer.page);

  await test.step('play starts and both views say they are connected', async () => {
    await startIfReady(page);
    for (const p of [page, observer.page]) {
      await expect(p.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible();
    }
    await checkA11y(page);
    await checkA11y(observer.page);
  });

  await test.step('the observer has no inject list and no unsent inject', async () => {
    await expect(observer.page.getByRole('heading', { name: 'Händelselista' })).toHaveCount(0);
    await expect(observer.page.getByText('Reservkraftaggregat 2 i Varberg startar inte')).toHaveCount(0);
  });

  await test.step('sending an inject is one click; the observer sees it arrive', async () => {
    const inject = page.locator('#inspel-2');
    await inject.getByRole('button', { name: /^Skicka/ }).click();
    await ready(page);
    await expect(page.locator('#inspel-2')).toContainText('Skickad');
    await expect(observer.page.getByText(/Inspel 2 skickat från SOS Alarm/)).toBeVisible({ timeout: 10_000 });
  });

  await test.step('keyboard first: the field has focus, Alt+3 picks Beslut, Enter saves', async () => {
    const field = page.getByLabel('Vad hände?', { exact: true });
    await expect(field).toBeFocused();
    await page.keyboard.press('Alt+3');
    await expect(page.locator('#post-sort')).toHaveValue('beslut');
    await field.fill('Stab upprättas i ambulanscentralen');
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue('');
    await expect(page.locator('ol.log')).toContainText('Stab upprättas i ambulanscentralen');
    await expect(observer.page.locator('ol.log')).toContainText('Stab upprättas i ambulanscentralen', { timeout: 10_000 });
    // The entry arrived as the server rendered it; its author may correct it, the observer not.
    const mine = page.locator('ol.log > li').filter({ hasText: 'Stab upprättas i ambulanscentralen' });
    await expect(mine.getByRole('link', { name: 'Rätta' })).toBeVisible();
    const theirs = observer.page.locator('ol.log > li').filter({ hasText: 'Stab upprättas i ambulanscentralen' });
    await expect(theirs).toContainText('Beslut');
    await expect(theirs.getByRole('link', { name: 'Rätta' })).toHaveCount(0);
  });

  await test.step('a safety stop reaches the observer at once and stands out', async () => {
    await page.keyboard.press('Alt+5');
    await page.getByLabel('Vad hände?', { exact: true }).fill('Säkerhetsstopp: halka vid ambulanshallen');
    await page.keyboard.press('Enter');
    await expect(observer.page.getByRole('alert').filter({ hasText: 'Säkerhetsstopp: halka vid ambulanshallen' })).toBeVisible({ timeout: 10_000 });
    await checkA11y(observer.page);
  });
  await observer.context.close();
});

test('entries written offline wait on the device and reach the server once each, after a reload and after signing in again', async ({ page, context }) => {
  test.skip(!jsEnabled(), 'the offline queue needs JavaScript');
  test.setTimeout(150_000);
  await login(page, 'ovningsledare');
  const live = await openLive(page);
  await startIfReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible();
  const texts = ['Offline 1: RAKEL-talgrupp byts', 'Offline 2: reservkraft i drift', 'Offline 3: lägesbild skickad'];
  const field = page.getByLabel('Vad hände?', { exact: true });

  await test.step('the service worker keeps the page for use without network', async () => {
    await expect
      .poll(() => page.evaluate(async () => !!(await caches.match(location.pathname)) && !!(await caches.match('/pkg/redo.wasm'))), { timeout: 15_000 })
      .toBe(true);
  });

  await test.step('with the network cut, three entries wait and the page says so', async () => {
    await context.setOffline(true);
    await expect(page.getByRole('status')).toContainText('Ingen anslutning');
    for (const text of texts) {
      await field.fill(text);
      await page.keyboard.press('Enter');
      await expect(field).toHaveValue('');
    }
    await expect(page.getByRole('status')).toContainText('väntar på att skickas (3)');
    await expect(page.locator('.pending > li')).toHaveCount(3);
    await checkA11y(page);
  });

  await test.step('a reload while offline still shows the page and its queue', async () => {
    await page.reload();
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liveläge: Övning Isvind');
    await expect(page.getByRole('status')).toContainText('väntar på att skickas (3)');
  });

  await test.step('back online, the queue is sent and the server holds each entry once', async () => {
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.pending > li')).toHaveCount(0, { timeout: 15_000 });
    for (const text of texts) {
      await expect(page.locator('ol.log')).toContainText(text);
      expect(await storedCount(page, live, text)).toBe(1);
    }
    await checkA11y(page);
  });

  await test.step('an entry written after the session expired is sent after signing in again', async () => {
    await context.clearCookies();
    const text = 'Efter ny inloggning: ambulans 3 tillbaka';
    await field.fill(text);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Inloggningen har gått ut', { timeout: 15_000 });
    await expect(page.getByRole('status')).toContainText('väntar på att skickas (1)');
    await page.getByRole('link', { name: 'Logga in igen' }).click();
    await page.getByLabel('Användarnamn', { exact: true }).fill('ovningsledare');
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === live);
    await ready(page);
    await expect(page.locator('.pending > li')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator('ol.log')).toContainText(text);
    expect(await storedCount(page, live, text)).toBe(1);
  });
});

test('without JavaScript the log is a plain form with an Uppdatera link, and a refused entry keeps what was typed', async ({ page }) => {
  test.skip(jsEnabled(), 'the JavaScript journeys are above');
  await login(page, 'ovningsledare');
  const live = await openLive(page);
  await startIfReady(page);
  await expect(page.getByRole('link', { name: 'Uppdatera', exact: true })).toBeVisible();
  await page.locator('#post-sort').selectOption('beslut');
  await page.getByLabel('Vad hände?', { exact: true }).fill('   ');
  await page.getByRole('button', { name: 'Spara posten', exact: true }).click();
  await expect(page.getByText('Texten måste fyllas i.')).toBeVisible();
  await expect(page.locator('#post-sort')).toHaveValue('beslut');
  await checkA11y(page);
  const text = 'Utan JavaScript: sjukvårdsledare på plats';
  await page.getByLabel('Vad hände?', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Spara posten', exact: true }).click();
  await expect(page).toHaveURL(live);
  await expect(page.locator('ol.log')).toContainText(text);
  expect(await storedCount(page, live, text)).toBe(1);
  await page.getByRole('link', { name: 'Uppdatera', exact: true }).click();
  await expect(page.locator('ol.log')).toContainText(text);
  await checkA11y(page);
});

test('the inject list, its import and export, and the staff page pass axe; the observer is kept out of the list', async ({ page, browser }) => {
  await login(page, 'ovningsledare');
  const live = await openLive(page);
  const id = live.split('/')[2];
  await page.goto(`/ovningar/${id}/inspel`);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Händelselista: Övning Isvind');
  await expect(page.locator('#inspel-7')).toContainText('Reservkraftaggregat 2');
  await checkA11y(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Excel (.xlsx)' }).click();
  expect((await download).suggestedFilename()).toMatch(/inspel\.xlsx$/);
  await page.goto(`/ovningar/${id}/bemanning`);
  await ready(page);
  await expect(page.getByRole('cell', { name: /Oskar Observatör/ }).first()).toBeVisible();
  await checkA11y(page);
  const observer = await newUser(browser, 'observator');
  const r = await observer.page.goto(`/ovningar/${id}/inspel`);
  expect(r?.status()).toBe(403);
  await observer.context.close();
});
