/**
 * Validation of report requests at the edge (API, server action, forms).
 */
import { z } from 'zod';
import { parseAsOf } from '../report';
import { isReportId } from './read';

/** `{ "as_of": ISO-8601 }`, everything optional; returns the as-of in µs or null. */
export const triggerRequestSchema = z
  .object({
    as_of: z
      .string()
      .max(64)
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
