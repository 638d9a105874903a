import { Inngest } from 'inngest';

/** The app's Inngest client. Events: `report/requested` { reportId }. */
export const inngest = new Inngest({ id: 'store-uptime' });

export const REPORT_REQUESTED = 'report/requested';

/**
 * Whether report jobs go through an Inngest server (the dev server or Inngest Cloud).
 * Without one of these settings, jobs run in-process in the app server.
 */
export function inngestConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.INNGEST_DEV || env.INNGEST_BASE_URL || env.INNGEST_EVENT_KEY);
}

/** Where a user can watch runs, when Inngest is configured. */
export function inngestDashboardUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!inngestConfigured(env)) return null;
  if (env.INNGEST_EVENT_KEY && !env.INNGEST_DEV) return 'https://app.inngest.com';
  const base = env.INNGEST_BASE_URL || (env.INNGEST_DEV && /^https?:/.test(env.INNGEST_DEV) ? env.INNGEST_DEV : 'http://localhost:8288');
  return base.replace(/\/$/, '') + '/runs';
}
