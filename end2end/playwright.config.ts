import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from './tests/constants';

/**
 * End-to-end tests against a release build of the Redo server.
 *
 * The server is started by Playwright itself (see `webServer` below) on a fresh, empty data
 * directory with the demo region seeded, so every run starts from the same data.
 *
 * Environment:
 * - REDO_E2E_PORT     port to serve on (default 3100)
 * - REDO_SERVER_BIN   server binary (default ../target/release/server, relative to end2end/)
 * - LEPTOS_SITE_ROOT  compiled site: wasm, JS, CSS (default ../target/site, relative to end2end/)
 * - REDO_DATABASE_URL a fresh PostgreSQL database to run against instead of SQLite (`make e2e-pg`)
 */

const PORT = process.env.REDO_E2E_PORT ?? '3100';
const BASE_URL = `http://127.0.0.1:${PORT}`;
const CI = !!process.env.CI;

/** A value from the environment resolved against the current directory, or the default resolved against end2end/. */
function pathFromEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value ? path.resolve(value) : path.resolve(__dirname, fallback);
}

const SERVER_BIN = pathFromEnv('REDO_SERVER_BIN', '../target/release/server');
const SITE_ROOT = pathFromEnv('LEPTOS_SITE_ROOT', '../target/site');
const DATA_DIR = path.join(os.tmpdir(), `redo-e2e-${PORT}`);

/** Quotes a value for the POSIX shell that runs the webServer command. */
function sh(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Headless Debian Chromium. The machine has no network besides the package registries, and
 * Chromium's background services misbehave without the networking flags.
 */
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const viewport = { width: 1280, height: 900 };

export default defineConfig({
  testDir: './tests',
  // One server with one database: the journeys run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'js',
      use: { browserName: 'chromium', javaScriptEnabled: true, viewport, launchOptions },
    },
    {
      name: 'nojs',
      use: { browserName: 'chromium', javaScriptEnabled: false, viewport, launchOptions },
    },
  ],
  webServer: {
    command: `rm -rf ${sh(DATA_DIR)} && mkdir -p ${sh(DATA_DIR)} && exec ${sh(SERVER_BIN)}`,
    env: {
      REDO_DATA_DIR: DATA_DIR,
      REDO_DEMO: '1',
      REDO_DEMO_PASSWORD: DEMO_PASSWORD,
      REDO_LISTEN: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: SITE_ROOT,
      REDO_LOG: 'warn',
      // The sign-in journeys play clients behind a proxy on loopback (X-Forwarded-For).
      REDO_TRUSTED_PROXIES: '127.0.0.1',
      // `make e2e-pg`: the same journeys on a fresh PostgreSQL database.
      ...(process.env.REDO_DATABASE_URL
        ? {
            REDO_DATABASE_URL: process.env.REDO_DATABASE_URL,
            REDO_SESSION_SECRET: process.env.REDO_SESSION_SECRET ?? 'e2e-session-secret-of-32-characters',
          }
        : {}),
    },
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
