import Link from 'next/link';

export function NotFoundCard({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section className="card empty" data-testid="not-found">
      <h1>{title}</h1>
      <p className="subtle">{children}</p>
      <div className="actions">
        <Link href="/" className="button">Back to the overview</Link>
      </div>
    </section>
  );
}
