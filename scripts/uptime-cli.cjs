#!/usr/bin/env node
// Launcher of the CLI (scripts/uptime.ts) for `npm run uptime`.
// Starting TypeScript through tsx costs seconds per run; so the CLI is bundled once with esbuild
// into .data/cli/uptime.cjs (rebuilt when a source file is newer) and run with plain node.
// Without esbuild (a production install) or on any build problem it falls back to tsx.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.dirname(__dirname);
const entry = path.join(root, 'scripts', 'uptime.ts');
const bundle = path.join(root, '.data', 'cli', 'uptime.cjs');

function newestSource() {
  let newest = fs.statSync(entry).mtimeMs;
  for (const dir of ['lib', 'db', 'inngest']) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const e of fs.readdirSync(full, { withFileTypes: true, recursive: true })) {
      if (e.isFile() && /\.(ts|json|sql)$/.test(e.name)) newest = Math.max(newest, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
    }
  }
  return newest;
}

function ensureBundle() {
  try {
    if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSource()) return true;
    const esbuild = require('esbuild');
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
    const tmp = `${bundle}.${process.pid}.tmp`;
    esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile: tmp, logLevel: 'silent', target: 'node20' });
    fs.renameSync(tmp, bundle);
    return true;
  } catch {
    return false;
  }
}

if (ensureBundle()) {
  require(bundle);
} else {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
