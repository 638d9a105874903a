import type { Metadata } from 'next';
import { signIn, signOut } from '@/app/actions';
import { adminToken, isAdmin } from '@/lib/http/admin';
import { headers } from 'next/headers';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** Sign-in with ADMIN_TOKEN, needed only when the server sets one. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = typeof params.next === 'string' ? params.next : '/';
  const failed = params.error !== undefined;
  if (!adminToken())
    return (
      <section className="card">
        <h1>No sign-in needed</h1>
        <p>This server has no <code>ADMIN_TOKEN</code>: everyone who can open the dashboard may generate reports and upload data.</p>
      </section>
    );
  if (isAdmin(await headers()))
    return (
      <section className="card">
        <h1>Signed in</h1>
        <p>You may generate reports and upload data.</p>
        <form action={signOut}>
          <button type="submit">Sign out</button>
        </form>
      </section>
    );
  return (
    <section className="card">
      <h1>Sign in</h1>
      <p>This server protects changes (generating reports, uploading data) with an admin token. Reading reports needs no sign-in.</p>
      <form action={signIn} className="login-form">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="token">Admin token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required />
        <button type="submit">Sign in</button>
        {failed && <p role="alert" className="alert alert-error">That is not the admin token.</p>}
      </form>
    </section>
  );
}
