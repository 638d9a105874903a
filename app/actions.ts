'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { isDatabaseEmpty, loadSample } from '@/lib/import/sample';
import { triggerReport as startReport } from '@/lib/reports/dispatch';
import { firstIssue, triggerRequestSchema } from '@/lib/reports/requests';

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Server action: start a report (optional as-of, ISO 8601). Returns the new report's id. */
export async function triggerReport(input: { asOf?: string | null } = {}): Promise<ActionResult<{ reportId: string }>> {
  const parsed = triggerRequestSchema.safeParse({ as_of: input?.asOf ?? null });
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  try {
    const reportId = await startReport(await getDb(), parsed.data.as_of);
    revalidatePath('/');
    return { ok: true, value: { reportId } };
  } catch (e) {
    return { ok: false, error: `could not start the report: ${(e as Error).message}` };
  }
}

/** Server action: load the bundled real sample into an empty database and start a report. */
export async function loadBundledSample(): Promise<ActionResult<{ reportId: string; polls: number }>> {
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
