/**
 * Answers, before any route runs, the requests no route should see:
 *  - a path whose percent-encoding is broken (`/stores/%FF`, `/stores/a%ZZ`) or holds a NUL
 *    (`/stores/%00`): the app's not-found page (JSON 404 under /api), never a bare 500;
 *  - `/api` itself: a JSON 404 like any unknown API path;
 *  - a method an API endpoint does not take: a JSON 405 with `Allow`.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { jsonError, methodNotAllowed } from './lib/http/responses';

/** The methods of each API endpoint (HEAD goes with GET; OPTIONS is answered by Next). */
const API_METHODS: Record<string, readonly string[]> = {
  '/api/trigger_report': ['POST'],
  '/api/get_report': ['GET', 'HEAD'],
};


/** Whether every segment of the raw path decodes to text without a NUL. */
function decodablePath(rawPath: string): boolean {
  try {
    return !decodeURIComponent(rawPath).includes('\u0000');
  } catch {
    return false;
  }
}

/** The path exactly as the client sent it (nextUrl may already hold a normalised form). */
function rawPathOf(request: NextRequest): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(request.url);
  return m?.[1] || request.nextUrl.pathname;
}

export function proxy(request: NextRequest): Response {
  const path = rawPathOf(request);
  const isApi = path === '/api' || path.startsWith('/api/');
  if (!decodablePath(path)) {
    if (isApi) return jsonError(404, 'no such API endpoint (the path is not valid percent-encoded UTF-8)');
    const url = request.nextUrl.clone();
    url.pathname = '/not-found'; // no such route: the app's not-found page, status 404
    url.search = '';
    return NextResponse.rewrite(url);
  }
  if (path === '/api') return jsonError(404, "no API endpoint /api; see the README's HTTP API section");
  const allowed = API_METHODS[path.replace(/\/$/, '')];
  if (allowed && request.method !== 'OPTIONS' && !allowed.includes(request.method)) return methodNotAllowed(request.method, allowed);
  return NextResponse.next();
}

export const config = {
  // Everything but Next's own assets and the upload endpoint: a request that passes through the
  // proxy has its body buffered and cut at 10 MB, and uploads are streamed (100 MB+). The upload
  // route answers its own wrong methods.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|api/upload).*)'],
};
