/**
 * The optional admin token (ADMIN_TOKEN). When it is set, everything that changes data —
 * `POST /api/trigger_report`, uploads, and the dashboard's server actions — needs it: API
 * clients send `Authorization: Bearer <token>` (or `x-admin-token`), browsers sign in once on
 * /login and carry an httpOnly cookie that holds a hash of the token (never the token itself).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const ADMIN_COOKIE = 'uptime_admin';

export function adminToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ADMIN_TOKEN || undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The cookie value that proves knowledge of the token. */
export function adminCookieValue(token: string): string {
  return createHash('sha256').update(`store-uptime admin:${token}`).digest('hex');
}

function cookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed cookie proves nothing (and must not break the page)
    }
  }
  return undefined;
}

/** Whether a request (its headers) may change data: always when no token is configured. */
export function isAdmin(headers: Headers, token = adminToken()): boolean {
  if (!token) return true;
  const auth = headers.get('authorization') ?? '';
  const bearer = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : headers.get('x-admin-token');
  if (bearer && same(bearer, token)) return true;
  const fromCookie = cookie(headers.get('cookie'), ADMIN_COOKIE);
  return fromCookie !== undefined && same(fromCookie, adminCookieValue(token));
}

/** Whether a submitted token is the configured one. */
export function checkAdminToken(given: string, token = adminToken()): boolean {
  return Boolean(token) && same(given, token!);
}
