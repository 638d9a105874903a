import { expect, test } from '@playwright/test';
import { columnValues, latestReportId, shot } from './helpers';

const isSorted = (xs: (number | null)[], dir: 'asc' | 'desc') => {
  const vals = xs.filter((x): x is number => x !== null);
  // nulls (no data) come last in both directions
  const firstNull = xs.indexOf(null);
  if (firstNull >= 0 && xs.slice(firstNull).some((x) => x !== null)) return false;
  return vals.every((v, i) => i === 0 || (dir === 'asc' ? vals[i - 1]! <= v : vals[i - 1]! >= v));
};

test.describe('report table', () => {
  test('sorts by a column both ways; the URL holds the view', async ({ page }, testInfo) => {
    const id = await latestReportId(page);
    await page.goto(`/reports/${id}`);
    await expect(page.getByTestId('report-table')).toBeVisible();
    await expect(page.locator('th[data-column="store_id"]')).toHaveAttribute('aria-sort', 'ascending');
    const ids = await page.locator('[data-testid=report-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-store-id')!));
    expect(ids.length).toBe(50);
    expect([...ids].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1))).toEqual(ids);

    const header = page.locator('th[data-column="downtime_last_week"]');
    await header.getByRole('button').click();
    await expect(page).toHaveURL(/sort=downtime_last_week/);
    const dir1 = (await header.getAttribute('aria-sort')) === 'descending' ? 'desc' : 'asc';
    await expect(header).toHaveAttribute('aria-sort', dir1 === 'desc' ? 'descending' : 'ascending');
    const first = await columnValues(page, 'downtime_last_week');
    expect(first.length).toBe(50);
    expect(isSorted(first, dir1)).toBe(true);

    await header.getByRole('button').click();
    const dir2 = dir1 === 'desc' ? 'asc' : 'desc';
    await expect(page).toHaveURL(new RegExp(`dir=${dir2}|sort=downtime_last_week(?!.*dir=)`));
    await expect(header).toHaveAttribute('aria-sort', dir2 === 'desc' ? 'descending' : 'ascending');
    const second = await columnValues(page, 'downtime_last_week');
    expect(isSorted(second, dir2)).toBe(true);
    expect(second[0]).not.toEqual(first[0]);
    await shot(page, testInfo, 'report-sorted');

    // A shared link reproduces the view.
    await page.goto(`/reports/${id}?sort=uptime_pct_week&dir=asc`);
    await expect(page.locator('th[data-column="uptime_pct_week"]')).toHaveAttribute('aria-sort', 'ascending');
    const pct = await columnValues(page, 'uptime_pct_week');
    expect(isSorted(pct, 'asc')).toBe(true);
    expect(pct[0]).toBeLessThan(100);

    // Sorting by keyboard: the header buttons are focusable.
    await page.locator('th[data-column="uptime_last_day"] button').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sort=uptime_last_day/);
  });

  test('searches for a store and filters', async ({ page }, testInfo) => {
    const id = await latestReportId(page);
    await page.goto(`/reports/${id}?page=3`);
    const target = await page.locator('[data-testid=report-table] tbody tr').nth(7).getAttribute('data-store-id');
    const needle = target!.slice(2, 12);
    await page.getByLabel('Store id contains').fill(needle);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${needle}`));
    await expect(page.locator(`[data-testid=report-table] tbody tr[data-store-id="${target}"]`)).toBeVisible();
    const found = await page.locator('[data-testid=report-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-store-id')!));
    for (const s of found) expect(s.toLowerCase()).toContain(needle.toLowerCase());
    await shot(page, testInfo, 'report-search');

    await page.goto(`/reports/${id}`);
    await page.getByLabel('Show').selectOption('no_data');
    await expect(page).toHaveURL(/filter=no_data/);
    const pct = await columnValues(page, 'uptime_pct_week');
    expect(pct.length).toBeGreaterThan(0);
    expect(pct.every((v) => v === null)).toBe(true);

    await page.getByLabel('Show').selectOption('down_week');
    await expect(page).toHaveURL(/filter=down_week/);
    const down = await columnValues(page, 'downtime_last_week');
    expect(down.every((v) => v !== null && v > 0)).toBe(true);

    await page.getByLabel('Store id contains').fill('no-such-store-zzz');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText(/No store matches/)).toBeVisible();
  });

  test('paginates, and bad URL values fall back to defaults (no error page)', async ({ page }) => {
    const id = await latestReportId(page);
    await page.goto(`/reports/${id}`);
    await expect(page.getByTestId('row-count')).toContainText('Rows 1–50 of');
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId('row-count')).toContainText('Rows 51–100 of');

    const evil = encodeURIComponent("'; drop table polls; --");
    const res = await page.goto(`/reports/${id}?sort=${evil}&dir=${evil}&filter=${evil}&page=-4&size=${evil}&q=${evil}`);
    expect(res?.status()).toBe(200);
    await expect(page.locator('th[data-column="store_id"]')).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByText(/No store matches/)).toBeVisible(); // the search text is data, found nowhere
    await page.goto(`/reports/${id}?sort=nope&page=99999`);
    await expect(page.getByTestId('row-count')).toContainText('Page');
    await expect(page.getByTestId('report-table').locator('tbody tr').first()).toBeVisible();

    const missing = await page.goto('/reports/00000000-0000-0000-0000-000000000000');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Report not found' })).toBeVisible();
    const malformed = await page.goto('/reports/not-a-uuid');
    expect(malformed?.status()).toBe(404);
  });
});
