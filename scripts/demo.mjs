#!/usr/bin/env node
// `npm run demo`: build the dashboard if needed and start it on http://localhost:3000 (PORT to change).
// With no DATABASE_URL the embedded database (.data/pglite) is used; on first start it is empty,
// so the server loads the bundled real sample (data/sample) and computes a first report.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const next = path.join(root, 'node_modules', '.bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const buildId = path.join(root, '.next', 'BUILD_ID');
const newest = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(tsx?|css|json)$/.test(e.name))
    .reduce((m, e) => Math.max(m, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);
const stale = !fs.existsSync(buildId) ||
  ['app', 'components', 'lib', 'db', 'inngest'].some((d) => fs.existsSync(path.join(root, d)) && newest(path.join(root, d)) > fs.statSync(buildId).mtimeMs);

if (stale) {
  console.log('Building the dashboard (next build) …');
  const r = spawnSync(next, ['build'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT || '3000';
console.log(`\nStarting the dashboard on http://localhost:${port} (${process.env.DATABASE_URL ? 'PostgreSQL: DATABASE_URL' : 'embedded PGlite in .data/pglite'}) …\n`);
const child = spawn(next, ['start', '-p', port], { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
