import { expect, test } from '@playwright/test';
import { shot } from './helpers';

const POLLS = [
  'store_id,status,timestamp_utc',
  'e2e-upload-store-1,active,2023-01-24 10:00:00 UTC',
  'e2e-upload-store-1,sleeping,2023-01-24 11:00:00 UTC',
  'e2e-upload-store-2,inactive,2023-01-24 11:00:00 UTC',
  '',
].join('\n');

test.describe('data page', () => {
  test('shows what is loaded', async ({ page }, testInfo) => {
    await page.goto('/data');
    await expect(page.getByRole('heading', { name: 'Data' })).toBeVisible();
    await expect(page.getByTestId('summary-stores')).toHaveText(/^[\d,]+$/);
    expect(Number((await page.getByTestId('summary-polls').textContent())!.replace(/,/g, ''))).toBeGreaterThan(10_000);
    await expect(page.getByTestId('summary-latest')).toContainText('2023-01-25');
    await expect(page.getByTestId('summary-latest')).toContainText('UTC');
    await shot(page, testInfo, 'data');
  });

  test('uploads a file with a bad row and reports the rejection', async ({ page }, testInfo) => {
    await page.goto('/data');
    await page.getByLabel('CSV files to upload').setInputFiles({ name: 'e2e-polls.csv', mimeType: 'text/csv', buffer: Buffer.from(POLLS) });
    const item = page.getByTestId('upload-item').first();
    await expect(item).toHaveAttribute('data-state', 'done');
    await expect(item).toContainText('imported as store status polls');
    await expect(item.getByTestId('count-read')).toHaveText('3');
    await expect(item.getByTestId('count-rejected')).toHaveText('1');
    // First run: 2 inserted; the second project re-uploads the same rows: 2 duplicates.
    const inserted = Number(await item.getByTestId('count-inserted').textContent());
    const duplicates = Number(await item.getByTestId('count-duplicates').textContent());
    expect(inserted + duplicates).toBe(2);
    await expect(item.getByTestId('rejections')).toContainText('line 3');
    await expect(item.getByTestId('rejections')).toContainText(/sleeping/);
    await shot(page, testInfo, 'data-upload');
    // The summary of what is loaded refreshed by itself and knows the new stores.
    await page.goto('/stores/e2e-upload-store-1');
    await expect(page.getByTestId('store-id')).toHaveText('e2e-upload-store-1');
  });

  test('imports rows that look wrong but parse, and shows the warning', async ({ page }, testInfo) => {
    await page.goto('/data');
    const csv = 'store_id,status,timestamp_utc\n8.41954E+18,active,2023-01-24 10:00:00 UTC\n';
    await page.getByLabel('CSV files to upload').setInputFiles({ name: 'from-excel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const item = page.getByTestId('upload-item').first();
    await expect(item).toHaveAttribute('data-state', 'done');
    await expect(item.getByTestId('count-rejected')).toHaveText('0');
    await expect(item.getByTestId('import-warning')).toContainText('mangled by a spreadsheet');
    await expect(page.getByTestId('import-finished')).toContainText('with warnings');
    await shot(page, testInfo, 'data-upload-warning');
  });

  test('refuses a file that is not one of the three sources', async ({ page }) => {
    await page.goto('/data');
    await page.getByLabel('CSV files to upload').setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
    const item = page.getByTestId('upload-item').first();
    await expect(item).toHaveAttribute('data-state', 'failed');
    await expect(item.getByRole('alert')).toBeVisible();
  });

  test('enforces the size limit (UPLOAD_MAX_BYTES) in the browser and on the server', async ({ page, request }) => {
    const big = Buffer.alloc(25 * 1024 * 1024, 'a'); // the e2e server runs with UPLOAD_MAX_BYTES=24mb
    await page.goto('/data');
    await page.getByLabel('CSV files to upload').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
    const item = page.getByTestId('upload-item').first();
    await expect(item).toHaveAttribute('data-state', 'failed');
    await expect(item).toContainText('25 MB is over the upload limit of 24 MB (UPLOAD_MAX_BYTES)');

    const res = await request.post('/api/upload?name=big.csv', { data: big, headers: { 'content-type': 'text/csv' } });
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toContain('upload limit');
  });

  test('a file over 10 MB is imported whole through the API (nothing in front of the route cuts the body)', async ({ request }) => {
    // ~12 MB: 260,000 polls of one store, each at its own microsecond inside the sample week.
    const lines = ['store_id,status,timestamp_utc'];
    const base = Date.UTC(2023, 0, 19, 0, 0, 0);
    for (let i = 0; i < 260_000; i++) {
      const ms = base + Math.floor(i / 1000);
      lines.push(`e2e-big-upload,active,${new Date(ms).toISOString().slice(0, 23)}${String(i % 1000).padStart(3, '0')}Z`);
    }
    const body = Buffer.from(lines.join('\n') + '\n');
    expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await request.post('/api/upload?name=big-polls.csv', { data: body, headers: { 'content-type': 'text/csv' }, timeout: 120_000 });
    expect(res.status()).toBe(200);
    const summary = await res.json();
    expect(summary).toMatchObject({ read: 260_000, rejected: 0 });
    expect(summary.inserted + summary.duplicates).toBe(260_000);
  });
});
