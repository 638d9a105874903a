// Takes the README's screenshots (docs/screenshots/*.png) from a running dashboard:
//   node scripts/readme-screenshots.mjs [http://localhost:3000]
// It needs a complete report (the demo computes one on the bundled sample) and Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const out = path.join(process.cwd(), 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
  const shot = async (name, fullPage = true) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500); // chart animations
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
    console.log(`wrote docs/screenshots/${name}.png`);
  };

  await page.goto(`${base}/`);
  await shot('overview');

  const reportHref = await page.getByRole('link', { name: 'open the full table' }).getAttribute('href');
  if (!reportHref) throw new Error('no complete report on the overview page');
  await page.goto(`${base}${reportHref}?sort=uptime_pct_week&dir=asc`);
  await shot('report-table', false);

  // The worst store of the week that still has some uptime: a drill-down with both colours.
  const worst = page.locator('a[href^="/stores/"]');
  const hrefs = await worst.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const pcts = await page.locator('tbody tr td:last-child').allInnerTexts();
  const pick = hrefs.find((_, i) => /^(?:[1-9]\d?)\.\d%$/.test((pcts[i] ?? '').trim())) ?? hrefs[0];
  await page.goto(`${base}${pick}`);
  await shot('store');

  await page.goto(`${base}/data`);
  await shot('data');
} finally {
  await browser.close();
}
