/**
 * A child process for the kill-mid-import tests: imports one file into the database given as
 * argv[2] (a PostgreSQL URL or a PGlite folder) and prints `progress <bytes>` to stdout as the
 * file is read, so the parent can kill it (SIGKILL) at a known point in the middle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { openDb } from '../../../db/client';
import { importCsv } from '../../../lib/import/importer';

async function main() {
  const [target, file] = process.argv.slice(2);
  if (!target || !file) throw new Error('usage: import-child <database> <file>');
  const db = await openDb({ target });
  let bytes = 0;
  let reported = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes - reported >= 256 * 1024) {
        reported = bytes;
        process.stdout.write(`progress ${bytes}\n`);
      }
      done(null, chunk);
    },
  });
  const r = await importCsv(db, fs.createReadStream(file).pipe(counter), path.basename(file));
  process.stdout.write(`done ${JSON.stringify({ inserted: r.inserted, error: r.error ?? null })}\n`);
  await db.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
