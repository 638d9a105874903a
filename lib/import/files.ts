/**
 * Importing files and folders from disk (CLI, demo seeding): each file streamed through the importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from '../../db/client';
import { importCsv, type ImportResult } from './importer';
import { SOURCE_LABELS } from './sources';

/** The CSV files named: a folder stands for the *.csv files directly in it (sorted by name). */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`${p}: no such file or folder`);
    if (fs.statSync(p).isDirectory()) {
      const inDir = fs.readdirSync(p).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => path.join(p, f));
      if (inDir.length === 0) throw new Error(`${p}: no .csv files in this folder`);
      files.push(...inDir);
    } else files.push(p);
  }
  return files;
}

export async function importPaths(db: Sql, paths: string[]): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const file of expandPaths(paths)) {
    results.push(await importCsv(db, fs.createReadStream(file), path.basename(file)));
  }
  return results;
}

/** A human-readable summary of one import, for the CLI. */
export function formatImportResult(r: ImportResult): string {
  if (r.error) return `${r.file}: REFUSED — ${r.error}`;
  const lines = [
    `${r.file}: ${r.source ? SOURCE_LABELS[r.source].split(' (')[0] : '?'} — read ${r.read}, inserted ${r.inserted}, duplicates ${r.duplicates}, rejected ${r.rejected}`,
  ];
  for (const j of r.rejections.slice(0, 10)) lines.push(`  line ${j.line}: ${j.reason}`);
  if (r.rejected > 10) lines.push(`  … and ${r.rejected - 10} more rejected rows`);
  for (const n of r.notes) lines.push(n.startsWith('warning: ') ? `  ${n}` : `  note: ${n}`);
  return lines.join('\n');
}
