/**
 * The CSV text layer between the guard's bytes and the field parser (csv-records.ts).
 *
 * One streaming pass that, over any chunking of the input:
 *  - cuts the text at record boundaries (the last line end outside quotes of each chunk), so each
 *    piece can be parsed on its own and knows the line number its first record starts on;
 *  - normalises line ends *outside* quoted fields to `\n` (CRLF, and old-Mac lone CR), so the
 *    field parser has one record separator; quoted fields keep their bytes as written;
 *  - checks the quoting strictly (RFC 4180): a `"` may open a field only at its start, and a closing
 *    quote must be followed by a comma, a line end, another `"` (an escaped quote) or the end —
 *    anything else refuses the whole file with the line, since the parser could only guess where
 *    fields end;
 *  - enforces the record-length limit (IMPORT_MAX_LINE_BYTES): a runaway quoted field is reported
 *    at the line of its opening quote.
 *
 * Chunks without a quote (real exports) take a fast path of native `indexOf` calls; the byte loop
 * runs only over chunks that hold quotes or lone CRs.
 */
import { formatBytes, ImportRefusal } from './refusal';

/** Complete records' text (`\n`-separated) and the line number its first record starts on. */
export interface TextChunk {
  text: string;
  firstLine: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** A CR that is not followed by an LF in the buffer (old-Mac line ends, or a CRLF split by the chunking). */
function hasLoneCR(buf: Buffer): boolean {
  for (let i = buf.indexOf(CR); i >= 0; i = buf.indexOf(CR, i + 1)) if (buf[i + 1] !== LF) return true;
  return false;
}

export class CsvTextScanner {
  /** Line number at the scan position (1-based; line breaks inside quoted fields count). */
  private line = 1;
  /** Line number at which the carried (not yet emitted) text starts. */
  private carryLine = 1;
  private carry = '';
  /** Bytes of the current record so far (reset at each line end outside quotes). */
  private lineLen = 0;
  private inQuotes = false;
  private quoteLine = 0;
  /** The previous byte was a quote that closed a field. */
  private afterClose = false;
  /** The next byte starts a field. */
  private fieldStart = true;
  /** The previous byte was a CR outside quotes (an LF right after it belongs to it). */
  private prevCR = false;
  /** The previous byte was a CR inside quotes (for line counting). */
  private prevQuotedCR = false;
  private started = false;

  constructor(private readonly maxLineBytes: number) {}

  private tooLong(): ImportRefusal {
    return new ImportRefusal(
      this.inQuotes
        ? `line ${this.quoteLine}: a quoted field opened on this line is still not closed after ${formatBytes(this.maxLineBytes)} ` +
            `(IMPORT_MAX_LINE_BYTES) — an unbalanced quote (")? Nothing was imported.`
        : `line ${this.line} is longer than the limit of ${formatBytes(this.maxLineBytes)} (IMPORT_MAX_LINE_BYTES); ` +
            `a CSV line of these sources is under 1 KiB — is this the right file? Nothing was imported.`,
    );
  }

  /** Scans one chunk of valid UTF-8 text; returns the records it completes, if any. */
  push(input: Buffer): TextChunk | undefined {
    let buf = input;
    if (!this.started) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // UTF-8 byte-order mark
    }
    if (buf.length === 0) return undefined;
    if (!this.inQuotes && !this.afterClose && !this.prevCR && buf.indexOf(QUOTE) < 0 && !hasLoneCR(buf)) return this.fast(buf);
    return this.slow(buf);
  }

  /** End of input: the last record (which may lack a line end). Throws when a quoted field is still open. */
  end(): TextChunk | undefined {
    if (this.inQuotes)
      throw new ImportRefusal(
        `unbalanced quotes: a quoted field is never closed (it opens at line ${this.quoteLine} and the file ends inside it); ` +
          `look for a stray " . Nothing was imported.`,
      );
    return this.take('', this.line);
  }

  /** Emits the carry plus `text`; what follows starts at `nextLine`. */
  private take(text: string, nextLine: number, rest = ''): TextChunk | undefined {
    const out = this.carry + text;
    const chunk = out === '' ? undefined : { text: out, firstLine: this.carryLine };
    this.carry = rest;
    this.carryLine = nextLine;
    return chunk;
  }

  /** No quote and no lone CR in the chunk: only LFs (maybe after a CR) end records. */
  private fast(buf: Buffer): TextChunk | undefined {
    const max = this.maxLineBytes;
    let start = 0;
    let lastLF = -1;
    for (let i = buf.indexOf(LF); i >= 0; i = buf.indexOf(LF, i + 1)) {
      if (this.lineLen + (i - start) > max) throw this.tooLong();
      this.line++;
      this.lineLen = 0;
      start = i + 1;
      lastLF = i;
    }
    this.lineLen += buf.length - start;
    if (this.lineLen > max) throw this.tooLong();
    const last = buf[buf.length - 1]!;
    this.fieldStart = last === LF || last === COMMA;
    const crlf = buf.indexOf(CR) >= 0;
    const norm = (s: string) => (crlf ? s.replaceAll('\r\n', '\n') : s);
    if (lastLF < 0) {
      this.carry += norm(buf.toString('utf8'));
      return undefined;
    }
    return this.take(norm(buf.toString('utf8', 0, lastLF + 1)), this.line, norm(buf.toString('utf8', lastLF + 1)));
  }

  /** The byte loop: quotes, lone CRs, a CRLF split across chunks. */
  private slow(buf: Buffer): TextChunk | undefined {
    const max = this.maxLineBytes;
    const out = Buffer.allocUnsafe(buf.length);
    let w = 0;
    let boundary = -1; // end (in `out`) of the last complete record
    let boundaryLine = 0;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.inQuotes) {
        if (b === QUOTE) {
          this.inQuotes = false;
          this.afterClose = true;
        } else if (b === LF) {
          if (!this.prevQuotedCR) this.line++;
        } else if (b === CR) this.line++;
        this.prevQuotedCR = b === CR;
        out[w++] = b;
        if (++this.lineLen > max) throw this.tooLong();
        continue;
      }
      if (b === LF && this.prevCR) {
        this.prevCR = false; // the LF of a CRLF: its line end is already written
        continue;
      }
      this.prevCR = false;
      if (this.afterClose) {
        this.afterClose = false;
        if (b === QUOTE) {
          this.inQuotes = true; // "" inside a quoted field: an escaped quote
          out[w++] = b;
          if (++this.lineLen > max) throw this.tooLong();
          continue;
        }
        if (b !== COMMA && b !== LF && b !== CR)
          throw new ImportRefusal(`unbalanced quotes at line ${this.line}: text follows the closing quote of a field. Nothing was imported.`);
      }
      if (b === LF || b === CR) {
        this.prevCR = b === CR;
        this.line++;
        this.lineLen = 0;
        this.fieldStart = true;
        out[w++] = LF;
        boundary = w;
        boundaryLine = this.line;
        continue;
      }
      if (b === QUOTE) {
        if (!this.fieldStart)
          throw new ImportRefusal(
            `unbalanced quotes at line ${this.line}: a " inside a field that does not start with one ` +
              `(quote the whole field and double the inner quote: "12""34"). Nothing was imported.`,
          );
        this.inQuotes = true;
        this.quoteLine = this.line;
        this.prevQuotedCR = false;
      }
      this.fieldStart = b === COMMA;
      out[w++] = b;
      if (++this.lineLen > max) throw this.tooLong();
    }
    if (boundary < 0) {
      this.carry += out.toString('utf8', 0, w);
      return undefined;
    }
    return this.take(out.toString('utf8', 0, boundary), boundaryLine, out.toString('utf8', boundary, w));
  }
}
