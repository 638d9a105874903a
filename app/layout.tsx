import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Store uptime',
  description: 'Business-hours uptime of every store over the last hour, day and week.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a href="/" className="brand">Store uptime</a>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
