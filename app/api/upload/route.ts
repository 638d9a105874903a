import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { getDb } from '@/db/client';
import { formatBytes, uploadMaxBytes } from '@/lib/dashboard/upload-limit';
import { guarded, jsonError, methodNotAllowed, requireAdmin } from '@/lib/http/responses';
import { importCsv } from '@/lib/import/importer';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

class TooLarge extends Error {
  name = 'TooLarge';
}

/**
 * POST /api/upload?name=<file name> — the body is one CSV file (raw bytes), streamed into the
 * importer (any of the three sources, recognised by its header). Answers the import summary as
 * JSON. Bodies over UPLOAD_MAX_BYTES are refused (413) and nothing is imported.
 */
export async function POST(request: Request) {
  return guarded(async () => {
    const denied = requireAdmin(request); // ADMIN_TOKEN, when set (off by default for the local dashboard)
    if (denied) return denied;
    // The dashboard posts from its own pages: refuse cross-site posts (a browser always sends Origin).
    const origin = request.headers.get('origin');
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    if (origin && host) {
      let originHost = '';
      try {
        originHost = new URL(origin).host;
      } catch {}
      if (originHost !== host) return jsonError(403, 'uploads are accepted from the dashboard itself only');
    }
    const limit = uploadMaxBytes();
    const tooLarge = `the file is larger than the upload limit of ${formatBytes(limit)} (UPLOAD_MAX_BYTES); nothing was imported`;
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > limit) return jsonError(413, tooLarge, { limit });
    if (!request.body) return jsonError(400, 'send the CSV file as the request body');
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    // `curl --data-binary @file.csv` labels the raw bytes x-www-form-urlencoded: taken as they are
    // (a real form body has no CSV header and is refused by the importer with its reason).
    if (type.startsWith('multipart/'))
      return jsonError(
        415,
        `send the raw CSV file as the body, not a multipart form (curl -F): curl --data-binary @file.csv -H 'Content-Type: text/csv' "…/api/upload?name=file.csv"`,
      );
    if (/^(image|audio|video)\/|^application\/(json|pdf|zip|gzip|vnd\.)/.test(type))
      return jsonError(415, `a ${type.split(';')[0]} body is not a CSV file; send the CSV file's bytes (text/csv)`);

    const rawName = new URL(request.url).searchParams.get('name') ?? 'upload.csv';
    const fileName = rawName.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'upload.csv';

    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > limit) done(new TooLarge(tooLarge));
        else done(null, chunk);
      },
    });
    const body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
    body.on('error', (e) => counter.destroy(e));
    body.pipe(counter);

    try {
      const result = await importCsv(await getDb(), counter, fileName);
      const summary = { ...result, rejections: result.rejections.slice(0, 20), bytes: seen };
      return Response.json(summary, { status: result.error ? 422 : 200, headers: { 'Cache-Control': 'no-store' } });
    } catch (e) {
      if (e instanceof TooLarge || (e as Error).name === 'TooLarge') return jsonError(413, tooLarge, { limit });
      throw e;
    } finally {
      body.destroy();
    }
  });
}

/** Wrong methods: JSON 405 (this route is outside the proxy, which answers them elsewhere). */
const wrongMethod = (request: Request) => methodNotAllowed(request.method, ['POST']);

export { wrongMethod as GET, wrongMethod as PUT, wrongMethod as PATCH, wrongMethod as DELETE };
