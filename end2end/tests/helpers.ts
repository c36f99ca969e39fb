import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './constants';

export { DEMO_PASSWORD };

/** The WCAG levels every page must meet. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** True in the project that runs with JavaScript (and so with WebAssembly hydration). */
export function jsEnabled(): boolean {
  const info = test.info();
  return info.project.name === 'js' && info.project.use.javaScriptEnabled !== false;
}

/**
 * Waits until the page can be used. With JavaScript, that is once the WebAssembly has hydrated
 * the server-rendered page (the app then sets `data-hydrated` on <body>): a click before that
 * does nothing. Without JavaScript the server-rendered page is all there is.
 */
export async function ready(page: Page): Promise<void> {
  if (!jsEnabled()) return;
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
}

/** Logs in as a demo account through the login form and waits until the next page is usable. */
export async function login(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/logga-in');
  await ready(page);
  await page.getByLabel('Användarnamn', { exact: true }).fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
  await ready(page);
}

/** Escapes text for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path of the current page, without query string. */
export function pathname(page: Page): string {
  return new URL(page.url()).pathname;
}

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function describe(v: Violation): string {
  const nodes = v.nodes
    .map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
    .join('\n');
  return `${v.id} [${v.impact ?? 'n/a'}]: ${v.help}\n  ${v.helpUrl}\n${nodes}`;
}

/**
 * Runs axe with the WCAG 2.1 A/AA rules on the page as it is now, and fails on any violation.
 *
 * axe runs inside the page and needs timers, which a browser with JavaScript disabled does not
 * run (the analysis hangs). In the no-JavaScript project the page's current DOM is therefore
 * analysed in a scratch page of a separate JavaScript-enabled context: same URL, same
 * stylesheets from the server, but with every script removed, so it is exactly the markup the
 * no-JavaScript visitor gets.
 */
export async function checkA11y(page: Page): Promise<void> {
  await ready(page);
  const violations = jsEnabled() ? await analyze(page) : await analyzeSnapshot(page);
  const details = violations.map(describe);
  expect(details, `Accessibility violations on ${page.url()}:\n${details.join('\n')}`).toEqual([]);
}

async function analyze(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations;
}

async function analyzeSnapshot(page: Page): Promise<Violation[]> {
  const url = page.url().split('#')[0];
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('checkA11y needs a launched browser');
  const scratch = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
    locale: 'sv-SE',
  });
  try {
    const copy = await scratch.newPage();
    await copy.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === url) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else if (request.resourceType() === 'script' || request.url().endsWith('.wasm')) {
        await route.abort();
      } else {
        await route.continue();
      }
    });
    await copy.goto(url);
    return await analyze(copy);
  } finally {
    await scratch.close();
  }
}

/**
 * Clicks `button` and returns the status of the form post it sends: forms post to the page they
 * are on, so after a refusal the address is still the page's.
 */
export async function submit(page: Page, button: Locator): Promise<number> {
  const at = pathname(page);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === at),
    button.click(),
  ]);
  return response.status();
}

