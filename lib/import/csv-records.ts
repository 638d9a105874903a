/**
 * Records of the guarded CSV text: papaparse splits the fields and unquotes them (RFC 4180,
 * comma-separated, `"` quotes doubled inside quoted fields); each record carries the line number
 * it starts on, for rejections. The text comes from the guard (guard.ts → csv-text.ts): cut at
 * record boundaries, line ends normalised to `\n` outside quotes, quoting already checked.
 */
import Papa from 'papaparse';
import type { TextChunk } from './csv-text';
import { ImportRefusal } from './refusal';

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

const CONFIG: Papa.ParseConfig<string[]> = {
  delimiter: ',',
  newline: '\n',
  quoteChar: '"',
  escapeChar: '"',
  header: false,
  dynamicTyping: false,
  skipEmptyLines: false,
};

/** Line breaks inside a record's (quoted) fields: CRLF counts once, a lone CR or LF once each. */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') < 0 && f.indexOf('\r') < 0) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && f.charCodeAt(i + 1) !== 0x0a)) n++;
    }
  }
  return n;
}

/** The records of one chunk, blank lines included (a blank line is one empty field). */
export function parseRecords(chunk: TextChunk): CsvRecord[] {
  const { data, errors } = Papa.parse<string[]>(chunk.text, CONFIG);
  let rows = data;
  // The text ends with the line end of its last record; papaparse reads an empty record after it.
  if (chunk.text.endsWith('\n') && rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '')
    rows = rows.slice(0, -1);
  const quoted = chunk.text.includes('"');
  const records: CsvRecord[] = new Array(rows.length);
  let line = chunk.firstLine;
  for (let i = 0; i < rows.length; i++) {
    records[i] = { fields: rows[i]!, line };
    line += 1 + (quoted ? breaksIn(rows[i]!) : 0);
  }
  if (errors.length > 0) {
    // The scanner has checked the quoting, so this should not happen; refuse rather than guess.
    const e = errors[0]!;
    const at = e.row !== undefined && records[e.row] ? ` at line ${records[e.row]!.line}` : '';
    throw new ImportRefusal(`not a readable CSV file${at}: ${e.message}. Nothing was imported.`);
  }
  return records;
}
