/**
 * Validation of report requests at the edge (API, server action, forms).
 */
import { z } from 'zod';
import type { Sql } from '../../db/client';
import { formatInstant, parseAsOf, WINDOWS } from '../report';
import { usText } from './store-inputs';
import { isReportId } from './read';

/** `{ "as_of": ISO-8601 }`, everything optional; returns the as-of in µs or null. */
export const triggerRequestSchema = z
  .object({
    as_of: z
      .string({ error: 'as_of: must be an ISO 8601 string, e.g. "2023-01-25T18:00:00Z"' })
      .max(64, 'as_of: too long')
      .nullish()
      .transform((v, ctx) => {
        if (v === undefined || v === null || v.trim() === '') return null;
        const parsed = parseAsOf(v);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: `as_of: ${parsed.reason}` });
          return z.NEVER;
        }
        return parsed.value;
      }),
  })
  .strict();

export type TriggerRequest = z.output<typeof triggerRequestSchema>;

export const reportIdSchema = z
  .string({ error: 'report_id is required' })
  .trim()
  .min(1, 'report_id is required')
  .refine(isReportId, 'report_id must be a report id (a UUID) as returned by trigger_report');

/** The first validation message of a zod error, for a one-line answer. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')} (allowed: as_of)`;
  return issue.message;
}

/**
 * An explicit as-of must leave something to report: not before the first poll (no store would be
 * a row) and not more than a week after the latest one (no store would have an observation).
 * The CLI and the engine accept any instant; this guards the API and the dashboard against typos
 * like 2099. Returns the problem, or null when the as-of is fine (or there is no data yet).
 */
export async function asOfProblem(db: Sql, asOf: number | null): Promise<string | null> {
  if (asOf === null) return null;
  const [r] = await db.query<{ first: string | null; last: string | null }>(
    `SELECT ${usText('min(first_poll)')} AS first, ${usText('max(last_poll)')} AS last FROM stores`,
  );
  if (!r || r.first === null || r.last === null) return null;
  const first = Number(r.first), last = Number(r.last);
  if (asOf < first) return `as_of ${formatInstant(asOf)} is before the first poll (${formatInstant(first)}): the report would have no stores`;
  if (asOf > last + WINDOWS.week)
    return `as_of ${formatInstant(asOf)} is more than 7 days after the latest poll (${formatInstant(last)}): no store would have data in its windows`;
  return null;
}
