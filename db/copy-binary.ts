/**
 * A reader of PostgreSQL's binary COPY format (`COPY … TO STDOUT WITH (FORMAT binary)`), for the
 * few column types the report reads in bulk: text and one-dimensional timestamptz arrays.
 * Binary COPY spares the server the text conversion of every instant and the client its
 * parsing: a timestamptz is 8 bytes, microseconds since 2000-01-01 UTC.
 * Format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */

const SIGNATURE = 'PGCOPY\n\xff\r\n\0';
/** Microseconds from 1970-01-01 to 2000-01-01 (PostgreSQL's timestamp epoch). */
const PG_EPOCH_US = 946_684_800_000_000;
const TWO_32 = 4_294_967_296;

export class BinaryCopyReader {
  private at: number;
  private fieldsLeft = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < SIGNATURE.length; i++)
      if (bytes[i] !== SIGNATURE.charCodeAt(i)) throw new Error('not binary COPY data (bad signature)');
    const extension = this.view.getInt32(15);
    this.at = 19 + extension;
  }

  /** Advances to the next row; false at the end of the data. */
  nextRow(expectedFields: number): boolean {
    if (this.fieldsLeft !== 0) throw new Error(`binary COPY: ${this.fieldsLeft} fields of the previous row were not read`);
    if (this.at >= this.bytes.byteLength) throw new Error('binary COPY data ends without its trailer');
    const fields = this.view.getInt16(this.at);
    this.at += 2;
    if (fields === -1) return false;
    if (fields !== expectedFields) throw new Error(`binary COPY: a row has ${fields} fields, expected ${expectedFields}`);
    this.fieldsLeft = fields;
    return true;
  }

  /** The byte length of the next field (-1 for NULL), positioned at its data. */
  private field(): number {
    if (this.fieldsLeft-- <= 0) throw new Error('binary COPY: read past the end of a row');
    const len = this.view.getInt32(this.at);
    this.at += 4;
    if (len > 0 && this.at + len > this.bytes.byteLength) throw new Error('binary COPY: a field runs past the end of the data');
    return len;
  }

  /** A text field (UTF-8), or null. */
  text(): string | null {
    const len = this.field();
    if (len < 0) return null;
    const s = this.decoder.decode(this.bytes.subarray(this.at, this.at + len));
    this.at += len;
    return s;
  }

  /** A `timestamptz[]` field (one dimension, no NULL elements) as µs since 1970 UTC; [] for NULL. */
  instantArray(): number[] {
    return this.instants((us) => us);
  }

  /**
   * A `timestamptz[]` field mapped element by element (`make(µs since 1970 UTC, index)`), so a
   * caller that builds objects from the instants allocates no intermediate array; [] for NULL.
   */
  instants<T>(make: (us: number, index: number) => T): T[] {
    const len = this.field();
    if (len < 0) return [];
    const end = this.at + len;
    const v = this.view;
    const ndim = v.getInt32(this.at);
    let p = this.at + 12; // ndim, has-null flag, element type oid
    let count = 0;
    if (ndim === 1) {
      count = v.getInt32(p);
      p += 8; // dimension size, lower bound
    } else if (ndim !== 0) throw new Error(`binary COPY: a ${ndim}-dimensional array where one dimension was expected`);
    const out = new Array<T>(count);
    for (let k = 0; k < count; k++) {
      if (v.getInt32(p) !== 8) throw new Error('binary COPY: a NULL or malformed timestamptz element');
      // High word signed, low word unsigned: exact while |µs| < 2^53 (about 285 years around 2000).
      out[k] = make(v.getInt32(p + 4) * TWO_32 + v.getUint32(p + 8) + PG_EPOCH_US, k);
      p += 12;
    }
    if (p !== end) throw new Error('binary COPY: an array field has trailing bytes');
    this.at = end;
    return out;
  }
}
