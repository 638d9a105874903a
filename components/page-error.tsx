'use client';

import Link from 'next/link';

/** The body of every error.tsx: a readable message and a retry, never a stack trace. */
export function PageError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  return (
    <section className="card empty" role="alert">
      <h2>Could not load {what}</h2>
      <p className="subtle">
        Something went wrong on the server. Try again; if it keeps happening, check the server log
        {error.digest ? <> (reference <code>{error.digest}</code>)</> : null}.
      </p>
      <div className="actions">
        <button type="button" onClick={() => reset()}>Try again</button>
        <Link href="/" className="button secondary">Back to the overview</Link>
      </div>
    </section>
  );
}
