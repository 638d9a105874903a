import { isAdmin } from './admin';

/**
 * JSON answers for the HTTP API: errors are always `{"error": "…"}` with a correct status,
 * never an HTML page or a stack trace.
 */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** A method an endpoint does not take: JSON 405 with `Allow` (HEAD goes unmentioned with GET). */
export function methodNotAllowed(method: string, allowed: readonly string[]): Response {
  return jsonError(405, `${method} is not allowed here; use ${allowed.filter((m) => m !== 'HEAD').join(' or ')}`, {}, { Allow: allowed.join(', ') });
}

/** Runs a handler; anything it throws becomes a JSON 500 (or 503 when the database is down). */
export async function guarded(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    console.error('[api]', message);
    const dbDown = /ECONNREFUSED|Cannot reach the PostgreSQL|in use by process|connect/i.test(message);
    return jsonError(dbDown ? 503 : 500, dbDown ? `database unavailable: ${message}` : 'internal error; see the server log');
  }
}

/**
 * When ADMIN_TOKEN is set, mutating endpoints need it (bearer header, `x-admin-token`, or the
 * dashboard's sign-in cookie; see lib/http/admin.ts). Returns the 401 to send, or null when allowed.
 */
export function requireAdmin(request: Request, token = process.env.ADMIN_TOKEN): Response | null {
  if (isAdmin(request.headers, token || undefined)) return null;
  return jsonError(401, 'this endpoint needs the admin token: send "Authorization: Bearer <ADMIN_TOKEN>" (or sign in on /login)');
}
