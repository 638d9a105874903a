/** The loading state of a page (Suspense fallback): grey blocks where the content will be. */
export function PageSkeleton({ label, blocks = 3 }: { label: string; blocks?: number }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading {label}…</span>
      <div className="skeleton" style={{ height: '2rem', width: '40%', marginBottom: '1.25rem' }} />
      <div className="kpis">
        {Array.from({ length: 4 }, (_, i) => <div key={i} className="skeleton" style={{ height: '5.5rem' }} />)}
      </div>
      {Array.from({ length: blocks }, (_, i) => <div key={i} className="skeleton" style={{ height: '12rem', marginBottom: '1.25rem' }} />)}
    </div>
  );
}
