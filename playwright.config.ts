/**
 * End-to-end tests in Debian's Chromium against a production build (`next build` first) served by
 * `next start` on a fresh embedded database, which loads the bundled sample on start and computes
 * a first report. The suite runs twice: in the default time zone and in Asia/Kolkata.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Fixed once in the main process; workers inherit it through the environment.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `uptime-e2e-${process.pid}`);
// The runner stops the server with SIGKILL, so the main process (not a worker) removes the folder at exit.
if (!process.env.TEST_WORKER_INDEX) {
  const dir = process.env.E2E_DATA_DIR;
  process.on('exit', () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
  });
}

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

const serverEnv: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL' && !k.startsWith('INNGEST_')) serverEnv[k] = v;
Object.assign(serverEnv, { PGLITE_DATA_DIR: process.env.E2E_DATA_DIR, NODE_ENV: 'production', SEED_SAMPLE: '1', UPLOAD_MAX_BYTES: '24mb' });

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'default-tz', use: { ...chromium } },
    { name: 'asia-kolkata', use: { ...chromium, timezoneId: 'Asia/Kolkata', locale: 'en-IN' } },
  ],
  webServer: {
    command: `node e2e/serve.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/reports/ready-check/status`,
    // A 400 JSON answer means the server is up (the sample is loaded before it listens).
    timeout: 180_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
