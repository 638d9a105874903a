/**
 * The real /api/inngest route handler behind a real HTTP server: with INNGEST_DEV it is the
 * Inngest SDK's endpoint (introspection lists the report function); without any Inngest
 * setting it answers a JSON 503 that says jobs run in-process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Handler = (request: Request, context: unknown) => Promise<Response>;
let server: http.Server;
let base = '';
let route: { GET: Handler; POST: Handler; PUT: Handler };

function serveRoute(): Promise<void> {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length && req.method !== 'GET' ? Buffer.concat(chunks) : undefined;
    const request = new Request(`${base}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body });
    const handler = route[req.method as 'GET' | 'POST' | 'PUT'];
    const response = await handler(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

const saved = { ...process.env };
beforeAll(async () => {
  route = (await import('../../app/api/inngest/route')) as unknown as typeof route;
  await serveRoute();
});
afterAll(() => {
  process.env = saved;
  server?.close();
});

describe('/api/inngest over HTTP', () => {
  it('without Inngest configured: a JSON 503 saying jobs run in-process', async () => {
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_BASE_URL;
    delete process.env.INNGEST_EVENT_KEY;
    for (const method of ['GET', 'POST', 'PUT']) {
      const r = await fetch(`${base}/api/inngest`, { method, body: method === 'GET' ? undefined : 'x' });
      expect(r.status, method).toBe(503);
      expect(r.headers.get('content-type')).toContain('application/json');
      expect((await r.json()).error).toMatch(/not configured: report jobs run in-process/);
    }
  });

  it('with INNGEST_DEV: the SDK serves the compute-report function', async () => {
    process.env.INNGEST_DEV = '1';
    const r = await fetch(`${base}/api/inngest`);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-inngest-sdk-handled') ?? r.headers.get('x-inngest-sdk')).toBeTruthy();
    const body = (await r.json()) as Record<string, unknown>;
    expect(body.function_count).toBe(2); // compute-report and its onFailure handler
    expect(body.mode).toBe('dev');
  });

  it('with INNGEST_DEV: a call that is not from Inngest gets a JSON error, not a crash', async () => {
    process.env.INNGEST_DEV = '1';
    const r = await fetch(`${base}/api/inngest?fnId=store-uptime-compute-report&stepId=step`, { method: 'POST', body: 'not json' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect((await r.json()).error).toMatch(/^not a valid Inngest request: .*not valid JSON/);
  });
});
