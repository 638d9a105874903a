/**
 * Every report case in tests/cases (the shared contract's sample and our own x* cases, see
 * tests/cases/EXTRA.md) through the one-shot CLI,
 * compared byte for byte with its expected.csv.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const casesDir = path.join(root, 'tests', 'cases');
const cases = fs.readdirSync(casesDir).filter((d) => fs.existsSync(path.join(casesDir, d, 'expected.csv'))).sort();

describe('shared report cases through `uptime report --data`', () => {
  it('finds the cases', () => expect(cases.length).toBeGreaterThanOrEqual(58));

  it.concurrent.each(cases)('%s', { timeout: 120_000 }, async (name) => {
    const dir = path.join(casesDir, name);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'case-')), 'report.csv');
    const args = ['scripts/uptime-cli.cjs', 'report', '--data', dir, '--out', out];
    const asOf = path.join(dir, 'as_of.txt');
    if (fs.existsSync(asOf)) args.push('--as-of', fs.readFileSync(asOf, 'utf8').trim());
    await run(process.execPath, args, { cwd: root, env: { ...process.env, DATABASE_URL: '' } });
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'expected.csv'), 'utf8'));
  });
});

describe('the one-shot CLI and an as-of that leaves nothing to report', () => {
  it('computes the report but warns on stderr', { timeout: 120_000 }, async () => {
    const dir = path.join(casesDir, '01-classic');
    const { stdout, stderr } = await run(process.execPath, ['scripts/uptime-cli.cjs', 'report', '--data', dir, '--as-of', '2030-01-01T00:00:00Z'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(stderr).toMatch(/^warning: --as-of: 2030-01-01T00:00:00Z is more than 7 days after the latest poll/m);
    expect(stdout.split('\n')[1]).toBe('classic,0.00,0.00,0.00,0.00,0.00,0.00');
  });
});

describe('the CLI writing a large report to a pipe', () => {
  it('writes the whole CSV to stdout, the same bytes as --out', { timeout: 120_000 }, async () => {
    const dir = path.join(root, 'data', 'sample');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-')), 'report.csv');
    const env = { ...process.env, DATABASE_URL: '' };
    await run(process.execPath, ['scripts/uptime-cli.cjs', 'report', '--data', dir, '--out', out], { cwd: root, env });
    // execFile reads stdout through a pipe, where the CLI once exited before the pipe drained.
    const { stdout } = await run(process.execPath, ['scripts/uptime-cli.cjs', 'report', '--data', dir], { cwd: root, env, maxBuffer: 64 * 2 ** 20 });
    const expected = fs.readFileSync(out, 'utf8');
    expect(expected.length).toBeGreaterThan(256 * 1024); // well past a pipe's buffer
    expect(stdout.length).toBe(expected.length);
    expect(stdout).toBe(expected);
  });
});
