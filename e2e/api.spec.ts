import { expect, test } from '@playwright/test';

const HEADER = 'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';

test.describe('HTTP API (SPEC §4)', () => {
  test('trigger_report → 202, get_report → Running then the CSV attachment', async ({ request }) => {
    const res = await request.post('/api/trigger_report');
    expect(res.status()).toBe(202);
    const { report_id: id } = (await res.json()) as { report_id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    let csv = '';
    await expect
      .poll(
        async () => {
          const r = await request.get(`/api/get_report?report_id=${id}`);
          expect(r.status()).toBe(200);
          if ((r.headers()['content-type'] ?? '').includes('application/json')) {
            const body = await r.json();
            expect(body.status).toBe('Running');
            return 'Running';
          }
          expect(r.headers()['x-report-status']).toBe('Complete');
          expect(r.headers()['content-type']).toContain('text/csv');
          expect(r.headers()['content-disposition']).toContain(`filename="report-${id}.csv"`);
          csv = await r.text();
          return 'Complete';
        },
        { timeout: 90_000, intervals: [250, 500, 1000] },
      )
      .toBe('Complete');
    const lines = csv.split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines[lines.length - 1]).toBe(''); // LF-terminated
    expect(csv).not.toContain('\r');
  });

  test('trigger_report with an explicit as_of, and malformed bodies', async ({ request }) => {
    const ok = await request.post('/api/trigger_report', { data: { as_of: '2023-01-24T12:00:00Z' } });
    expect(ok.status()).toBe(202);
    const bad = await request.post('/api/trigger_report', { data: '{not json', headers: { 'content-type': 'application/json' } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toBeTruthy();
    const badAsOf = await request.post('/api/trigger_report', { data: { as_of: 'yesterday' } });
    expect(badAsOf.status()).toBe(400);
    const get = await request.get('/api/trigger_report');
    expect(get.status()).toBe(405);
  });

  test('get_report answers JSON errors: 400 missing/malformed, 404 unknown', async ({ request }) => {
    for (const [url, status] of [
      ['/api/get_report', 400],
      ['/api/get_report?report_id=', 400],
      ["/api/get_report?report_id='; drop table polls; --", 400],
      ['/api/get_report?report_id=00000000-0000-0000-0000-000000000000', 404],
    ] as const) {
      const r = await request.get(url);
      expect(r.status(), url).toBe(status);
      expect(r.headers()['content-type']).toContain('application/json');
      expect((await r.json()).error).toBeTruthy();
    }
  });

  test('/api/inngest without Inngest configured answers a JSON 503 (jobs run in-process)', async ({ request }) => {
    const r = await request.get('/api/inngest');
    expect(r.status()).toBe(503);
    expect(r.headers()['content-type']).toContain('application/json');
    expect((await r.json()).error).toMatch(/not configured: report jobs run in-process/);
  });

  test('/api itself, and wrong methods, answer JSON', async ({ request }) => {
    const root = await request.get('/api');
    expect(root.status()).toBe(404);
    expect((await root.json()).error).toMatch(/no API endpoint \/api/);
    for (const [method, url, allow] of [
      ['PUT', '/api/trigger_report', 'POST'],
      ['DELETE', '/api/trigger_report', 'POST'],
      ['PATCH', '/api/get_report', 'GET, HEAD'],
      ['GET', '/api/upload', 'POST'],
    ] as const) {
      const r = await request.fetch(url, { method });
      expect(r.status(), `${method} ${url}`).toBe(405);
      expect(r.headers()['allow']).toBe(allow);
      expect((await r.json()).error).toContain(`${method} is not allowed here`);
    }
  });

  test('paths with broken percent-encoding or a NUL get the not-found page, never a 500', async ({ page, request }) => {
    for (const url of ['/stores/%FF', '/stores/%E0%A4', '/stores/ok%ZZ', '/stores/%00', '/stores/a%00b', '/reports/%FF']) {
      const r = await page.goto(url);
      expect(r?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('body')).not.toContainText('Internal Server Error');
    }
    const api = await request.get('/api/get_report%FF');
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toContain('application/json');
  });
});
