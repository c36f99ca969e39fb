// Development helper: log in and screenshot pages. Usage: node shots.mjs <user> <path>...
import { chromium } from 'playwright-core';
const [user, ...paths] = process.argv.slice(2);
const base = process.env.BASE ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()); });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(base + '/logga-in');
await page.fill('#username', user); await page.fill('#password', process.env.PW ?? 'redo-demo-2026');
await page.click('button[type=submit]');
await page.waitForLoadState('networkidle');
for (const p of paths) {
  const res = await page.goto(base + p);
  await page.waitForLoadState('networkidle');
  const hydrated = await page.locator('body[data-hydrated="true"]').count();
  const name = p.replace(/[^a-z0-9]+/gi, '_') || 'root';
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(p, res.status(), 'hydrated=', hydrated);
}
await browser.close();
