/**
 * The input guard: wraps an uploaded or read file's byte stream *before* the CSV parser and
 * refuses, early and with a clear message, what is not a UTF-8 CSV text file at all — and caps
 * what a hostile or broken file can make the importer hold in memory.
 *
 * Whole-file refusals (an `ImportRefusal`, nothing is imported):
 *  - a known binary format at the start (PNG, JPEG, GIF, PDF, ZIP / .xlsx, old .xls, gzip), JSON,
 *    HTML/XML, a UTF-16/UTF-32 byte-order mark or UTF-16 text without one, or mostly control bytes;
 *  - more than `maxBytes` bytes (IMPORT_MAX_BYTES);
 *  - a line (a record: line breaks inside a quoted field do not end it) longer than
 *    `maxLineBytes` (IMPORT_MAX_LINE_BYTES) — a runaway quoted field is reported at the line of
 *    its opening quote.
 *
 * Per-line problems are *not* refused here: bytes that are not valid UTF-8 (e.g. a Latin-1 `é`)
 * are replaced by U+FFFD and NUL bytes pass through; the row that holds one in a column the
 * importer uses is then rejected with its line number (lib/import/sources.ts). Rows around it
 * still import. The encoding is never guessed: a Latin-1 / Windows-1252 file is not transcoded.
 *
 * Quoting errors (a stray or unclosed quote) refuse the file too; they are found by the text
 * scanner (csv-text.ts) that the guard feeds, which also cuts the text at record boundaries.
 *
 * The guard is a streaming pass over the bytes (native `indexOf`/`isUtf8` for real files; a
 * plain loop only over chunks that hold quotes or lone CRs), so memory stays flat.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { Sql } from '../../db/client';
import { CsvTextScanner, type TextChunk } from './csv-text';
import { formatBytes, ImportRefusal } from './refusal';
import { emptySnapshotRefusal, type SourceKind } from './sources';

export { ImportRefusal } from './refusal';

export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Longest line (record) accepted, in bytes. */
  maxLineBytes: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024; // 1 GiB: the real 2023 polls file is ~95 MB
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024; // real lines are < 100 bytes

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || n <= 0) throw new ImportRefusal(`${name}=${raw} is not a positive whole number of bytes`);
  return n;
}

/** The limits in force: IMPORT_MAX_BYTES and IMPORT_MAX_LINE_BYTES (bytes), else the defaults. */
export function importLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  return {
    maxBytes: overrides.maxBytes ?? positiveInt('IMPORT_MAX_BYTES', DEFAULT_MAX_BYTES),
    maxLineBytes: overrides.maxLineBytes ?? positiveInt('IMPORT_MAX_LINE_BYTES', DEFAULT_MAX_LINE_BYTES),
  };
}

// ---------- sniffing the start of the file ----------

const SNIFF_BYTES = 8192;

const MAGIC: Array<[bytes: number[], what: string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx workbook is one: open it and save the sheet as "CSV UTF-8")'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel .xls / Office document (save the sheet as "CSV UTF-8")'],
  [[0x1f, 0x8b], 'gzip-compressed (decompress it first)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed (decompress it first)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz-compressed (decompress it first)'],
];

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** Why the file's first bytes show it is no UTF-8 CSV text, or undefined when they look fine. */
export function sniff(head: Buffer): string | undefined {
  if (startsWith(head, [0xff, 0xfe, 0, 0]) || startsWith(head, [0, 0, 0xfe, 0xff]))
    return 'the file is UTF-32 text; save it as UTF-8 ("CSV UTF-8") and import it again';
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]))
    return 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 ("CSV UTF-8") and import it again';
  for (const [bytes, what] of MAGIC) if (startsWith(head, bytes)) return `this is ${what}, not a CSV text file`;

  const n = Math.min(head.length, SNIFF_BYTES);
  if (n === 0) return undefined;
  // UTF-16 without a BOM: ASCII text with a NUL in every other byte.
  if (n >= 8) {
    let evenNul = 0, oddNul = 0;
    for (let i = 0; i < n; i++) if (head[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++;
    const half = n / 2;
    if (oddNul > half * 0.6 || evenNul > half * 0.6)
      return 'the file looks like UTF-16 text (every other byte is NUL); save it as UTF-8 ("CSV UTF-8") and import it again';
  }
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  if (control > Math.max(8, n * 0.05))
    return `this looks like a binary file, not CSV text (${control} control bytes in the first ${n} bytes)`;

  // JSON and markup: the first visible character (after a UTF-8 BOM and white space).
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < n && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x7b || head[i] === 0x5b) return 'this looks like JSON, not CSV; export the data as CSV with a header line';
  if (head[i] === 0x3c) return 'this looks like HTML or XML, not CSV; export the data as CSV with a header line';
  return undefined;
}

// ---------- UTF-8 ----------

/** How many bytes at the end of `buf` are the start of a multi-byte sequence that continues in the next chunk. */
function incompleteTail(buf: Buffer): number {
  const len = buf.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const b = buf[len - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** The bytes with every invalid UTF-8 sequence replaced by U+FFFD (WHATWG decoding rules). */
function repairUtf8(buf: Buffer): Buffer {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
  return Buffer.from(text, 'utf8');
}

// ---------- the guard ----------

export interface GuardStats {
  bytes: number;
  /** Chunks in which invalid UTF-8 was replaced by U+FFFD. */
  invalidUtf8Chunks: number;
}

/**
 * Wraps a byte (or string) stream: sniffs, validates and measures it as it flows, and throws an
 * `ImportRefusal` when the file must be refused. The output is the file's text cut at record
 * boundaries, with its line numbers (csv-text.ts), ready for the field parser (csv-records.ts).
 */
export async function* guardInput(
  source: Readable | AsyncIterable<Buffer | string>,
  overrides: Partial<ImportLimits> = {},
  stats?: GuardStats,
): AsyncGenerator<TextChunk> {
  const limits = importLimits(overrides);
  const s: GuardStats = stats ?? { bytes: 0, invalidUtf8Chunks: 0 };
  const scanner = new CsvTextScanner(limits.maxLineBytes);
  let head: Buffer[] | null = [];
  let headBytes = 0;
  let carry: Buffer | null = null; // an incomplete UTF-8 sequence from the previous chunk

  const emit = (chunk: Buffer): TextChunk | undefined => {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    const tail = incompleteTail(buf);
    if (tail > 0) {
      carry = Buffer.from(buf.subarray(buf.length - tail));
      buf = buf.subarray(0, buf.length - tail);
    }
    if (buf.length === 0) return undefined;
    if (!isUtf8(buf)) {
      buf = repairUtf8(buf);
      s.invalidUtf8Chunks++;
    }
    return scanner.push(buf);
  };
  const sniffed = (parts: Buffer[]): Buffer => {
    const all = Buffer.concat(parts);
    const why = sniff(all);
    if (why) throw new ImportRefusal(`${why}. Nothing was imported.`);
    return all;
  };

  for await (const part of source) {
    const chunk = typeof part === 'string' ? Buffer.from(part, 'utf8') : (part as Buffer);
    s.bytes += chunk.length;
    if (s.bytes > limits.maxBytes)
      throw new ImportRefusal(
        `the file is larger than the import limit of ${formatBytes(limits.maxBytes)} (IMPORT_MAX_BYTES); split it or raise the limit. Nothing was imported.`,
      );
    let out: TextChunk | undefined;
    if (head) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) continue;
      out = emit(sniffed(head));
      head = null;
    } else out = emit(chunk);
    if (out) yield out;
  }
  if (head) {
    const out = emit(sniffed(head));
    if (out) yield out;
  }
  if (carry) {
    s.invalidUtf8Chunks++;
    const out = scanner.push(repairUtf8(carry));
    if (out) yield out;
  }
  const last = scanner.end();
  if (last) yield last;
}

/**
 * Throws an `ImportRefusal` (inside the import's transaction, so it rolls back) when a
 * business-hours or time-zone file with no accepted row would wipe stored data (see
 * `emptySnapshotRefusal` in sources.ts).
 */
export async function refuseEmptySnapshot(tx: Sql, kind: SourceKind, accepted: number, rejected: number): Promise<void> {
  if (kind === 'polls' || accepted > 0) return;
  const table = kind === 'hours' ? 'business_hours' : 'store_time_zones';
  const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  const refusal = emptySnapshotRefusal(kind, accepted, rejected, Number(row?.n ?? 0));
  if (refusal) throw new ImportRefusal(refusal);
}
