/**
 * The bundled sample: real public rows of the January-2023 data set (data/sample, see its
 * SOURCES.md): complete business hours and time zones, and a slice of the status polls.
 */
import path from 'node:path';
import type { Sql } from '../../db/client';
import { importPaths } from './files';
import type { ImportResult } from './importer';

export function sampleDir(): string {
  return path.join(process.cwd(), 'data', 'sample');
}

export const SAMPLE_FILES = ['timezones.csv', 'menu_hours.csv', 'store_status.csv'];

/** Whether the database holds no data at all (no polls, hours or zones). */
export async function isDatabaseEmpty(db: Sql): Promise<boolean> {
  const [r] = await db.query<{ any: boolean }>(
    `SELECT (EXISTS (SELECT 1 FROM polls) OR EXISTS (SELECT 1 FROM business_hours) OR EXISTS (SELECT 1 FROM store_time_zones)) AS any`,
  );
  return !r?.any;
}

export async function loadSample(db: Sql): Promise<ImportResult[]> {
  return importPaths(db, SAMPLE_FILES.map((f) => path.join(sampleDir(), f)));
}
