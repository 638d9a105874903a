'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { triggerReport } from '@/app/actions';

/** Starts a report through the server action and refreshes the page while it runs. */
export function GenerateReportButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await triggerReport({});
            if (!r.ok) setError(r.error);
            else {
              setError(null);
              router.refresh();
            }
          })
        }
      >
        {pending ? 'Starting…' : 'Generate report'}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
