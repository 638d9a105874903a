import path from 'node:path';
import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/** A full-page screenshot under e2e/screenshots/<project>/ (ignored by git), to look at after a run. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: path.join(__dirname, 'screenshots', testInfo.project.name, `${name}.png`), fullPage: true });
}

export interface StatusJson {
  id: string;
  status: 'pending' | 'running' | 'complete' | 'failed';
  storesDone: number;
  storesTotal: number | null;
  error: string | null;
}

/** Waits until a report is complete (or fails the test if it fails). */
export async function waitForReport(request: APIRequestContext, id: string, timeoutMs = 90_000): Promise<StatusJson> {
  let last: StatusJson | null = null;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/reports/${id}/status`);
        last = (await res.json()) as StatusJson;
        if (last.status === 'failed') throw new Error(`report ${id} failed: ${last.error}`);
        return last.status;
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toBe('complete');
  return last!;
}

/** The id of the latest complete report, as the overview links it (waits for the first one). */
export async function latestReportId(page: Page): Promise<string> {
  await expect
    .poll(
      async () => {
        await page.goto('/');
        return page.getByTestId('latest-report').count();
      },
      { timeout: 90_000, intervals: [500, 1000, 2000] },
    )
    .toBeGreaterThan(0);
  const href = await page.getByTestId('latest-report').getByRole('link', { name: 'open the full table' }).getAttribute('href');
  const id = href?.split('/').pop();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

/** Numbers in a table column of the report table (`—` → null). */
export async function columnValues(page: Page, column: string): Promise<(number | null)[]> {
  const texts = await page.locator(`[data-testid=report-table] tbody td[data-column="${column}"]`).allInnerTexts();
  return texts.map((t) => (t.trim() === '—' ? null : Number(t.replace('%', '').replace(/,/g, ''))));
}

/** A store with business hours (7 rows, America/New_York) and 10 polls in the bundled sample. */
export const SAMPLE_STORE_WITH_HOURS = '6529727365761998945';
