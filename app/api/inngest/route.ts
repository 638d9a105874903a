import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';

export const dynamic = 'force-dynamic';

/** The Inngest endpoint: the dev server or Inngest Cloud calls the report function here. */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
