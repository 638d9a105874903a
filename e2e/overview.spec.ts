import { expect, test } from '@playwright/test';
import { latestReportId, shot } from './helpers';
import { currentZoneName, isUtcZone } from '../components/viewer-zone';

test.describe('overview', () => {
  test('shows KPIs, the distribution chart, worst stores and the history', async ({ page }, testInfo) => {
    await latestReportId(page);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(page.getByTestId('kpi-stores')).toContainText(/\d/);
    await expect(page.getByTestId('kpi-uptime-day')).toContainText(/\d+\.\d{2}%/);
    await expect(page.getByTestId('kpi-uptime-week')).toContainText(/\d+\.\d{2}%/);
    await expect(page.getByTestId('kpi-down-hour')).toContainText(/\d/);
    await expect(page.getByTestId('kpi-no-data')).toContainText(/\d/);
    await expect(page.getByTestId('distribution-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    const worst = page.getByTestId('worst-stores').locator('tbody tr');
    expect(await worst.count()).toBeGreaterThan(0);
    await expect(page.getByTestId('report-history').locator('tbody tr').first()).toBeVisible();
    await shot(page, testInfo, 'overview');

    // A worst store links to its drill-down.
    const link = worst.first().getByRole('link');
    const storeId = (await link.textContent())!.trim();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/stores/${encodeURIComponent(storeId)}\\?report=[0-9a-f-]{36}$`));
    await expect(page.getByTestId('store-id')).toHaveText(storeId);
  });

  test('labels the as-of in UTC and in the viewer’s own zone', async ({ page }) => {
    await latestReportId(page);
    // Chromium reports legacy aliases (Asia/Calcutta); the page shows the current name.
    const zone = currentZoneName(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    const latest = page.getByTestId('latest-report');
    await expect(latest).toContainText('UTC');
    if (isUtcZone(zone)) {
      // A viewer in UTC is not shown the same time twice.
      await expect(latest.getByTestId('local-time-utc')).toHaveText('(your time zone)');
      await expect(latest.getByTestId('local-time')).toHaveCount(0);
      return;
    }
    await expect(latest.getByTestId('local-time')).toContainText(`(${zone}, your time)`);
    // The local text is the UTC instant shifted by the zone's offset.
    const iso = await latest.locator('time').getAttribute('datetime');
    const expected = await page.evaluate((i) => {
      const d = new Date(i!);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    }, iso);
    await expect(latest.getByTestId('local-time')).toContainText(expected);
  });

  test('Generate report: live progress until complete, then it appears in the history', async ({ page }, testInfo) => {
    await latestReportId(page);
    const rowsBefore = await page.getByTestId('report-history').locator('tbody tr').count();
    const button = page.getByRole('button', { name: 'Generate report' });
    await expect(button).toBeEnabled();
    await button.click();
    const progress = page.getByTestId('report-progress');
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await expect(progress).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(progress).toContainText(/Complete: [\d,]+ stores/);
    await shot(page, testInfo, 'overview-after-generate');
    // The page refreshed by itself (no reload): the new report is in the history, complete.
    await expect(page.getByTestId('report-history').locator('tbody tr')).toHaveCount(rowsBefore + 1);
    const newest = page.getByTestId('report-history').locator('tbody tr').first();
    await expect(newest.getByTestId('status-badge')).toHaveText('Complete');
    await progress.getByRole('link', { name: /Open the new report/ }).click();
    await expect(page.getByTestId('report-table')).toBeVisible();
  });

  test('All reports lists every report, newest first, linked to its page; a bad page value is page 1', async ({ page }, testInfo) => {
    const id = await latestReportId(page);
    await page.goto('/reports?page=nope');
    await expect(page.getByRole('heading', { name: 'All reports', level: 1 })).toBeVisible();
    await expect(page.getByTestId('history-page')).toHaveText(/^Page 1 of \d+$/);
    const rows = page.getByTestId('report-history').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(page.locator(`[data-report-id="${id}"]`)).toHaveCount(1);
    await shot(page, testInfo, 'all-reports');
    await page.locator(`[data-report-id="${id}"] a`).first().click();
    await expect(page).toHaveURL(new RegExp(`/reports/${id}`));
  });
});
