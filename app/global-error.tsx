'use client';

/** Last-resort error page (the root layout itself failed): plain markup, no stack trace. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
        <h1>Store uptime is unavailable</h1>
        <p>Something went wrong on the server. Try again in a moment.</p>
        <button type="button" onClick={() => reset()}>Try again</button>
      </body>
    </html>
  );
}
