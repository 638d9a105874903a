import { jsonError } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** Any other /api/… path: a JSON 404, never an HTML page. */
function notFound(request: Request) {
  return jsonError(404, `no API endpoint ${new URL(request.url).pathname}; see the README's HTTP API section`);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
