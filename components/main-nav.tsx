'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview', match: (p: string) => p === '/' || p.startsWith('/reports') },
  { href: '/data', label: 'Data', match: (p: string) => p.startsWith('/data') },
];

/** The top navigation; marks the current section with aria-current. */
export function MainNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav className="nav" aria-label="Main">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.match(pathname) ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
