import { expect, test } from '@playwright/test';
import { latestReportId, SAMPLE_STORE_WITH_HOURS, shot } from './helpers';

test.describe('store drill-down', () => {
  test('charts show every business interval and every poll of the week', async ({ page, request }, testInfo) => {
    const reportId = await latestReportId(page);
    await page.goto(`/reports/${reportId}?q=${SAMPLE_STORE_WITH_HOURS}`);
    await page.locator(`[data-testid=report-table] tbody tr[data-store-id="${SAMPLE_STORE_WITH_HOURS}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`/stores/${SAMPLE_STORE_WITH_HOURS}\\?report=[0-9a-f-]{36}$`));
    await expect(page.getByTestId('store-id')).toHaveText(SAMPLE_STORE_WITH_HOURS);
    await expect(page.getByTestId('store-zone')).toContainText('America/New_York');
    await expect(page.getByTestId('store-hours')).toContainText('Monday');

    const counts = page.getByTestId('timeline-counts');
    const intervals = Number(await counts.getAttribute('data-intervals'));
    const polls = Number(await counts.getAttribute('data-polls'));
    const segments = Number(await counts.getAttribute('data-segments'));
    expect(intervals).toBeGreaterThanOrEqual(5); // open every day of the week
    expect(polls).toBeGreaterThan(1);
    const chart = page.getByTestId('timeline-chart');
    await expect(chart.locator('[data-testid=business-interval]')).toHaveCount(intervals);
    await expect(chart.locator('[data-testid=poll-mark]')).toHaveCount(polls);
    await expect(chart.locator('[data-testid=status-segment]')).toHaveCount(segments);
    expect(segments).toBeGreaterThan(0);
    // Axis ticks are labelled in store-local days.
    await expect(chart.locator('text').filter({ hasText: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d\/\d\d$/ }).first()).toBeVisible();
    await expect(page.getByTestId('daily-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('data-quality')).toContainText('observation');
    await shot(page, testInfo, 'store');

    // The numbers are those of the report's CSV.
    const csv = await (await request.get(`/api/get_report?report_id=${reportId}`)).text();
    const line = csv.split('\n').find((l) => l.startsWith(`${SAMPLE_STORE_WITH_HOURS},`))!;
    const [, uh, ud, uw, dh, dd, dw] = line.split(',').map(Number);
    const cells = await page.getByTestId('store-numbers').locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td')).slice(0, 2).map((td) => parseFloat(td.textContent!))),
    );
    expect(cells[0]![0]).toBeCloseTo(uh!, 1);
    expect(cells[0]![1]).toBeCloseTo(dh!, 1);
    expect(cells[1]![0]).toBeCloseTo(ud!, 1);
    expect(cells[1]![1]).toBeCloseTo(dd!, 1);
    expect(cells[2]![0]).toBeCloseTo(uw!, 1);
    expect(cells[2]![1]).toBeCloseTo(dw!, 1);
  });

  test('unknown and hostile store ids get a proper 404 and change nothing', async ({ page }, testInfo) => {
    await latestReportId(page);
    const before = await page.getByTestId('kpi-stores').textContent();
    for (const id of ['does-not-exist', "'; drop table polls; --", '../../api/get_report', '%E0%A4%A']) {
      const res = await page.goto(`/stores/${encodeURIComponent(id)}`);
      expect(res?.status(), id).toBe(404);
      await expect(page.getByRole('heading', { name: 'Store not found' })).toBeVisible();
    }
    await shot(page, testInfo, 'store-not-found');
    await page.goto('/');
    await expect(page.getByTestId('kpi-stores')).toHaveText(before!);
  });

  test('is usable at phone width', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/stores/${SAMPLE_STORE_WITH_HOURS}`);
    await expect(page.getByTestId('timeline-chart').locator('[data-testid=poll-mark]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, testInfo, 'store-phone');
  });
});
