// Starts the production build on a FRESH embedded database (PGLITE_DATA_DIR is wiped first), so the
// server loads the bundled sample and computes a first report. Used by playwright.config.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.argv[2] ?? '3210';
const dir = process.env.PGLITE_DATA_DIR;
if (!dir || !path.isAbsolute(dir) || !path.basename(dir).startsWith('uptime-e2e')) {
  console.error('serve.mjs: PGLITE_DATA_DIR must be an absolute uptime-e2e-* folder');
  process.exit(2);
}
delete process.env.DATABASE_URL;
fs.rmSync(dir, { recursive: true, force: true });
fs.rmSync(`${dir}.lock`, { force: true });
if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
  console.error('serve.mjs: no production build: run `npx next build` first');
  process.exit(2);
}
const next = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
const child = spawn(process.execPath, [next, 'start', '-p', port, '-H', '127.0.0.1'], { stdio: 'inherit', env: process.env });
const cleanup = () => {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
  } catch {}
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});
