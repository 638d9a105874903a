import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { latestReportId, shot } from './helpers';

test('Download CSV gives exactly the CSV of GET /api/get_report, named report-<id>.csv', async ({ page, request }, testInfo) => {
  const id = await latestReportId(page);
  await page.goto(`/reports/${id}`);
  await shot(page, testInfo, 'report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toBe(`report-${id}.csv`);
  const file = await download.path();
  const downloaded = fs.readFileSync(file!);

  const api = await request.get(`/api/get_report?report_id=${id}`);
  expect(api.status()).toBe(200);
  expect(api.headers()['x-report-status']).toBe('Complete');
  const fromApi = await api.body();
  expect(downloaded.equals(fromApi)).toBe(true);

  const text = downloaded.toString('utf8');
  expect(text.charCodeAt(0)).not.toBe(0xfeff); // no BOM
  expect(text.split('\n')[0]).toBe(
    'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week',
  );
  // One line per store in the table's count.
  const total = Number((await page.getByTestId('row-count').textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(text.trimEnd().split('\n').length - 1).toBe(total);

  // The route handler's own headers.
  const direct = await request.get(`/reports/${id}/csv`);
  expect(direct.headers()['content-disposition']).toBe(`attachment; filename="report-${id}.csv"`);
  expect(direct.headers()['content-type']).toContain('text/csv');
  const missing = await request.get('/reports/00000000-0000-0000-0000-000000000000/csv');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toBeTruthy();
});
