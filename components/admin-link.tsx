import Link from 'next/link';
import { headers } from 'next/headers';
import { adminToken, isAdmin } from '@/lib/http/admin';

/** "Sign in" / "Signed in" in the top bar, shown only when the server sets ADMIN_TOKEN. */
export async function AdminLink() {
  if (!adminToken()) return null;
  const signedIn = isAdmin(await headers());
  return (
    <Link href="/login" className="admin-link">
      {signedIn ? 'Signed in' : 'Sign in'}
    </Link>
  );
}
