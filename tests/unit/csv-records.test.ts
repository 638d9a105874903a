/**
 * The CSV reading path (guard → csv-text scanner → papaparse records): whatever the line ends,
 * the quoting and the chunking of the bytes, every record comes out with its fields exactly as
 * written and the line number it starts on.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecords, type CsvRecord } from '../../lib/import/csv-records';
import { CsvTextScanner, type TextChunk } from '../../lib/import/csv-text';
import { DEFAULT_MAX_LINE_BYTES, guardInput, ImportRefusal } from '../../lib/import/guard';

/** The scanner fed directly in pieces cut at `cuts` (moved off UTF-8 continuation bytes, as the guard does). */
function scanAll(bytes: Buffer, cuts: number[]): CsvRecord[] {
  const scanner = new CsvTextScanner(DEFAULT_MAX_LINE_BYTES);
  const out: CsvRecord[] = [];
  const take = (c: TextChunk | undefined) => c && out.push(...parseRecords(c));
  let at = 0;
  for (const c of [...cuts.map((c) => c % (bytes.length + 1)), bytes.length].sort((a, b) => a - b)) {
    let p = c;
    while (p < bytes.length && (bytes[p]! & 0xc0) === 0x80) p++;
    if (p > at) take(scanner.push(bytes.subarray(at, p)));
    at = Math.max(at, p);
  }
  take(scanner.end());
  return out;
}

/** Through the guard (which holds the first 8 KiB to sniff them): pieces cut at `cuts`. */
async function readAll(bytes: Buffer, cuts: number[] = []): Promise<CsvRecord[]> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(at, p));
    at = p;
  }
  chunks.push(bytes.subarray(at));
  const out: CsvRecord[] = [];
  for await (const chunk of guardInput(Readable.from(chunks.filter((c) => c.length > 0)))) out.push(...parseRecords(chunk));
  return out;
}

const field = fc.oneof(
  fc.stringMatching(/^[a-z0-9 ._:-]{0,12}$/),
  fc.constantFrom('8419537941919820732', '2023-01-22 12:09:39.388884 UTC', 'é ü 東京', 'a,b', 'say "hi"', 'x\ny', 'x\r\ny', 'x\ry', '"', ''),
);
const record = fc.array(field, { minLength: 2, maxLength: 4 });

/** RFC 4180: a field is quoted when it must be (or at random), inner quotes doubled. */
function encodeField(f: string, forceQuote: boolean): string {
  return forceQuote || /[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f;
}

function linesIn(f: string): number {
  return (f.match(/\r\n|\r|\n/g) ?? []).length;
}

describe('CSV records over any chunking', () => {
  it('fields and line numbers survive CRLF / LF / CR line ends, quoting and arbitrary chunk cuts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (records, eol, quoteAll, trailingEol, cuts) => {
          const text = records.map((r) => r.map((f) => encodeField(f, quoteAll)).join(',')).join(eol) + (trailingEol ? eol : '');
          const expected: CsvRecord[] = [];
          let line = 1;
          for (const r of records) {
            expected.push({ fields: r, line });
            line += 1 + r.reduce((n, f) => n + linesIn(f), 0);
          }
          const bytes = Buffer.from(text, 'utf8');
          expect(scanAll(bytes, cuts)).toEqual(expected);
          expect(await readAll(bytes, cuts)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a byte-order mark is dropped and blank lines are records of one empty field, numbered', async () => {
    const rows = scanAll(Buffer.from('\uFEFFa,b\r\n\r\n"c",d\r\n', 'utf8'), [3, 4, 6, 7, 9, 10]);
    expect(await readAll(Buffer.from('\uFEFFa,b\r\n\r\n"c",d\r\n', 'utf8'))).toEqual(rows);
    expect(rows).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: [''], line: 2 },
      { fields: ['c', 'd'], line: 3 },
    ]);
  });

  it('strict quoting: a stray quote, text after a closing quote and an unclosed quote refuse the file with the line', async () => {
    await expect(readAll(Buffer.from('a,b\n1,2\n12"34,5\n'))).rejects.toThrow(/^unbalanced quotes at line 3: a " inside a field/);
    await expect(readAll(Buffer.from('a,b\n"12" ,5\n'))).rejects.toThrow(/^unbalanced quotes at line 2: text follows the closing quote/);
    expect(() => scanAll(Buffer.from('a,b\n"x\ny\n'), [5, 6])).toThrow(/never closed \(it opens at line 2/);
    await expect(readAll(Buffer.from('a,b\n"x\ny\n'), [5])).rejects.toThrow(/never closed \(it opens at line 2 and the file ends inside it\)/);
    await expect(readAll(Buffer.from('a,b\n"x'))).rejects.toBeInstanceOf(ImportRefusal);
  });
});
