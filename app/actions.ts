'use server';

import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { ADMIN_COOKIE, adminCookieValue, adminToken, checkAdminToken, isAdmin } from '@/lib/http/admin';
import { isDatabaseEmpty, loadSample } from '@/lib/import/sample';
import { triggerReport as startReport } from '@/lib/reports/dispatch';
import { asOfProblem, firstIssue, triggerRequestSchema } from '@/lib/reports/requests';

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

const NOT_SIGNED_IN = 'changing data needs the admin token (ADMIN_TOKEN is set): sign in on /login first';

/** With ADMIN_TOKEN set, actions that change data need the sign-in cookie. */
async function mayChangeData(): Promise<boolean> {
  return !adminToken() || isAdmin(await headers());
}

/** A same-site path to return to after signing in (anything else → the overview). */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '/';
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}

/** Server action (form): sign in with the admin token; sets an httpOnly cookie. */
export async function signIn(form: FormData): Promise<void> {
  const next = safeNext(form.get('next'));
  const token = adminToken();
  const given = form.get('token');
  if (!token) redirect(next);
  if (typeof given !== 'string' || !checkAdminToken(given.trim(), token))
    redirect(`/login?error=1&next=${encodeURIComponent(next)}`);
  (await cookies()).set(ADMIN_COOKIE, adminCookieValue(token), { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 60 * 60 * 24 * 30 });
  redirect(next);
}

/** Server action (form): sign out. */
export async function signOut(): Promise<void> {
  (await cookies()).delete(ADMIN_COOKIE);
  redirect('/');
}

/** Server action: start a report (optional as-of, ISO 8601). Returns the new report's id. */
export async function triggerReport(input: { asOf?: string | null } = {}): Promise<ActionResult<{ reportId: string }>> {
  const parsed = triggerRequestSchema.safeParse({ as_of: input?.asOf ?? null });
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  if (!(await mayChangeData())) return { ok: false, error: NOT_SIGNED_IN };
  try {
    const db = await getDb();
    const problem = await asOfProblem(db, parsed.data.as_of);
    if (problem) return { ok: false, error: problem };
    const reportId = await startReport(db, parsed.data.as_of);
    revalidatePath('/');
    return { ok: true, value: { reportId } };
  } catch (e) {
    return { ok: false, error: `could not start the report: ${(e as Error).message}` };
  }
}

/** Server action: load the bundled real sample into an empty database and start a report. */
export async function loadBundledSample(): Promise<ActionResult<{ reportId: string; polls: number }>> {
  if (!(await mayChangeData())) return { ok: false, error: NOT_SIGNED_IN };
  try {
    const db = await getDb();
    if (!(await isDatabaseEmpty(db))) return { ok: false, error: 'the database already holds data; upload files on the Data page instead' };
    const results = await loadSample(db);
    const reportId = await startReport(db, null);
    revalidatePath('/');
    return { ok: true, value: { reportId, polls: results.find((r) => r.source === 'polls')?.inserted ?? 0 } };
  } catch (e) {
    return { ok: false, error: `could not load the sample: ${(e as Error).message}` };
  }
}
