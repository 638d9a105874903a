/**
 * ADMIN_TOKEN: API clients use a bearer token, browsers a sign-in cookie holding a hash of it;
 * server actions refuse to change data without it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const requestHeaders = { value: new Headers() };
vi.mock('next/headers', () => ({ headers: async () => requestHeaders.value, cookies: async () => ({ set() {}, delete() {} }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

import { triggerReport } from '../../app/actions';
import { ADMIN_COOKIE, adminCookieValue, isAdmin } from '../../lib/http/admin';
import { requireAdmin } from '../../lib/http/responses';

afterEach(() => {
  delete process.env.ADMIN_TOKEN;
  requestHeaders.value = new Headers();
});

describe('admin token', () => {
  it('without ADMIN_TOKEN everything is allowed', () => {
    expect(isAdmin(new Headers(), undefined)).toBe(true);
  });

  it('accepts the bearer token, x-admin-token or the sign-in cookie; nothing else', () => {
    const t = 's3cret-token';
    expect(isAdmin(new Headers({ authorization: `Bearer ${t}` }), t)).toBe(true);
    expect(isAdmin(new Headers({ 'x-admin-token': t }), t)).toBe(true);
    expect(isAdmin(new Headers({ cookie: `a=b; ${ADMIN_COOKIE}=${adminCookieValue(t)}` }), t)).toBe(true);
    expect(isAdmin(new Headers({ cookie: `${ADMIN_COOKIE}=${t}` }), t)).toBe(false); // the raw token is not the cookie
    // A malformed cookie (bad percent-encoding) proves nothing and must not throw (it broke every page).
    expect(isAdmin(new Headers({ cookie: `${ADMIN_COOKIE}=%ZZ` }), t)).toBe(false);
    expect(isAdmin(new Headers({ cookie: `${ADMIN_COOKIE}=%ZZ`, authorization: `Bearer ${t}` }), t)).toBe(true);
    expect(isAdmin(new Headers({ authorization: 'Bearer wrong' }), t)).toBe(false);
    expect(isAdmin(new Headers(), t)).toBe(false);
    expect(requireAdmin(new Request('http://x/'), t)?.status).toBe(401);
  });

  it('server actions refuse to start a report without sign-in when ADMIN_TOKEN is set', async () => {
    process.env.ADMIN_TOKEN = 'tok';
    expect(await triggerReport({})).toEqual({ ok: false, error: expect.stringMatching(/sign in on \/login/) });
  });
});
