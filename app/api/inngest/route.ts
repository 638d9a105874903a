import { serve } from 'inngest/next';
import { inngest, inngestConfigured } from '@/inngest/client';
import { functions } from '@/inngest/functions';
import { jsonError } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** The Inngest endpoint: the dev server or Inngest Cloud calls the report function here. */
const sdk = serve({ client: inngest, functions });

type Handler = (request: Request, context: unknown) => Promise<Response>;

/**
 * Without an Inngest server configured, report jobs run in-process and nothing should call this
 * endpoint; it says so in JSON instead of letting the SDK answer a bare 500 (it would be in cloud
 * mode without a signing key).
 */
function whenConfigured(handler: Handler): Handler {
  return async (request, context) =>
    inngestConfigured()
      ? handler(request, context).catch((e: Error) => {
          // The SDK throws on a body that is not an Inngest call (e.g. not JSON).
          console.error('[inngest]', e.message);
          return jsonError(400, `not a valid Inngest request: ${e.message}`);
        })
      : jsonError(
          503,
          'Inngest is not configured: report jobs run in-process in this server. Set INNGEST_DEV=1 (with the Inngest dev server) or INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (Inngest Cloud) to serve the function here.',
        );
}

export const GET = whenConfigured(sdk.GET as Handler);
export const POST = whenConfigured(sdk.POST as Handler);
export const PUT = whenConfigured(sdk.PUT as Handler);
