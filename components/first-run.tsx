'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { loadBundledSample } from '@/app/actions';

/** Shown when the database holds no data: load the bundled sample, or go upload files. */
export function FirstRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card empty" data-testid="first-run">
      <h2>No data yet</h2>
      <p className="subtle">
        Load the bundled sample (real store polls, business hours and time zones from January 2023) to explore the dashboard,
        or upload your own three CSV files.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await loadBundledSample();
              if (!r.ok) setError(r.error);
              else router.refresh();
            })
          }
        >
          {pending ? 'Loading the sample…' : 'Load the bundled sample'}
        </button>
        <Link href="/data" className="button secondary">Upload CSV files</Link>
      </div>
      {error && <p role="alert" className="alert alert-error" style={{ marginTop: '1rem' }}>{error}</p>}
    </section>
  );
}
