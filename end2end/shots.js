const { chromium } = require('@playwright/test');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
  const page = await ctx.newPage();
  const user = process.argv[2];
  await page.goto('http://127.0.0.1:3100/logga-in');
  await page.getByLabel('Användarnamn', { exact: true }).fill(user);
  await page.getByLabel('Lösenord', { exact: true }).fill('bench-demo-password');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/logga-in'));
  for (const [i, path] of process.argv.slice(3).entries()) {
    const r = await page.goto('http://127.0.0.1:3100' + path);
    console.log(path, r.status());
    await page.screenshot({ path: `/tmp/shot-${user}-${i}.png`, fullPage: true });
  }
  await browser.close();
})();
