import type { Metadata, Viewport } from 'next';
import { AdminLink } from '@/components/admin-link';
import { MainNav } from '@/components/main-nav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Store uptime', template: '%s · Store uptime' },
  description: 'Business-hours uptime of every store over the last hour, day and week.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">Skip to content</a>
        <header className="topbar">
          <a href="/" className="brand">
            <span className="brand-dot" aria-hidden="true" /> Store uptime
          </a>
          <MainNav />
          <AdminLink />
        </header>
        <main id="main" className="page">{children}</main>
      </body>
    </html>
  );
}
