/**
 * The binary COPY reader (db/copy-binary.ts) against bytes written by PostgreSQL itself
 * (PGlite): instants on both sides of PostgreSQL's 2000-01-01 epoch, NULLs, empty arrays,
 * UTF-8 text, and truncated or mis-shaped data.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCopyReader } from '../../db/copy-binary';
import { parseTimestamp } from '../../lib/report';

let pg: PGlite;
const INSTANTS = [
  '1970-01-01 00:00:00 UTC',
  '1999-12-31 23:59:59.999999 UTC',
  '2000-01-01 00:00:00 UTC',
  '2000-01-01 00:00:00.000001 UTC',
  '2023-01-25 18:13:22.47922 UTC',
  '2199-12-31 23:59:59.999999 UTC',
];
const us = (s: string) => {
  const r = parseTimestamp(s);
  if (!r.ok) throw new Error(s);
  return r.value;
};

async function copyBinary(select: string): Promise<Uint8Array> {
  const r = await pg.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
  return new Uint8Array(await r.blob!.arrayBuffer());
}

beforeAll(async () => {
  pg = new PGlite();
  await pg.exec(`SET TimeZone = 'America/New_York'`); // binary instants do not depend on it
});
afterAll(async () => pg.close());

describe('BinaryCopyReader', () => {
  it('reads text and timestamptz[] exactly, on both sides of 2000-01-01', async () => {
    const list = INSTANTS.map((s) => `'${s}'::timestamptz`).join(', ');
    const bytes = await copyBinary(`SELECT 'Ünïcødé, "quoted"'::text, ARRAY[${list}], NULL::text, '{}'::timestamptz[], NULL::timestamptz[]`);
    const r = new BinaryCopyReader(bytes);
    expect(r.nextRow(5)).toBe(true);
    expect(r.text()).toBe('Ünïcødé, "quoted"');
    expect(r.instantArray()).toEqual(INSTANTS.map(us));
    expect(r.text()).toBeNull();
    expect(r.instantArray()).toEqual([]);
    expect(r.instantArray()).toEqual([]);
    expect(r.nextRow(5)).toBe(false);
  });

  it('reads many rows in order', async () => {
    const bytes = await copyBinary(`SELECT g::text, ARRAY[timestamptz '2023-01-01 00:00:00+00' + g * interval '1 second'] FROM generate_series(1, 1000) g`);
    const r = new BinaryCopyReader(bytes);
    let n = 0;
    while (r.nextRow(2)) {
      n++;
      expect(r.text()).toBe(String(n));
      expect(r.instantArray()).toEqual([us('2023-01-01 00:00:00 UTC') + n * 1_000_000]);
    }
    expect(n).toBe(1000);
  });

  it('refuses data that is not binary COPY, truncated data, and rows of another shape', async () => {
    expect(() => new BinaryCopyReader(new TextEncoder().encode('store_id\tts\n'))).toThrow(/bad signature/);
    const bytes = await copyBinary(`SELECT 'abc'::text, ARRAY[now()]`);
    const short = new BinaryCopyReader(bytes.subarray(0, bytes.length - 6));
    expect(short.nextRow(2)).toBe(true);
    expect(short.text()).toBe('abc');
    expect(() => short.instantArray()).toThrow(/past the end/);
    expect(() => new BinaryCopyReader(bytes).nextRow(3)).toThrow(/2 fields, expected 3/);
    const unread = new BinaryCopyReader(bytes);
    unread.nextRow(2);
    unread.text();
    expect(() => unread.nextRow(2)).toThrow(/not read/);
  });
});
