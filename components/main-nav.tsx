'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Whether `path` is `prefix` itself or below it (`/reports` matches `/reports/x`, not `/reportsx`). */
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

const LINKS = [
  // Reports and store drill-downs are opened from the overview: they belong to its section.
  { href: '/', label: 'Overview', match: (p: string) => p === '/' || under(p, '/reports') || under(p, '/stores') },
  { href: '/data', label: 'Data', match: (p: string) => under(p, '/data') },
];

/**
 * The top navigation; marks the current section: `aria-current="page"` on the page itself,
 * `aria-current="true"` on a page inside the section (e.g. a report under Overview).
 */
export function MainNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav className="nav" aria-label="Main">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={pathname === l.href ? 'page' : l.match(pathname) ? 'true' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
