/** Next.js calls register() once per server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { onServerStart } = await import('./lib/startup');
    await onServerStart();
  }
}
