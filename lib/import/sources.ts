/**
 * The three CSV sources (SPEC §1): recognising a file by its header and turning one record
 * into a typed row or a rejection reason. Pure: no I/O.
 */
import { formatInstant, parseClockTime, parseTimestamp, type ParseResult } from '../report/time';
import { resolveZoneName } from '../report/zone';

export type SourceKind = 'polls' | 'hours' | 'zones';

export const SOURCE_LABELS: Record<SourceKind, string> = {
  polls: 'store status polls (store_id,status,timestamp_utc)',
  hours: 'business hours (store_id,dayOfWeek,start_time_local,end_time_local)',
  zones: 'time zones (store_id,timezone_str)',
};

/** Column names per source; each accepts aliases, matched case-insensitively after trimming. */
const COLUMNS = {
  polls: { store_id: ['store_id'], status: ['status'], timestamp_utc: ['timestamp_utc'] },
  hours: {
    store_id: ['store_id'],
    day: ['dayofweek', 'day', 'day_of_week'],
    start_time_local: ['start_time_local'],
    end_time_local: ['end_time_local'],
  },
  zones: { store_id: ['store_id'], timezone_str: ['timezone_str'] },
} as const satisfies Record<SourceKind, Record<string, readonly string[]>>;

export type ColumnIndex<K extends SourceKind> = Record<keyof (typeof COLUMNS)[K], number>;

export interface DetectedSource<K extends SourceKind = SourceKind> {
  kind: K;
  columns: ColumnIndex<K>;
  /** The columns this source uses, as [name, index] (computed once per file, not per record). */
  used: ReadonlyArray<readonly [string, number]>;
  /** Fields a record needs: one past the rightmost used column. */
  width: number;
  /** Poll timestamps must lie in [notBefore, notAfter] (µs); outside is a typo or a wrong clock. */
  bounds?: TimestampBounds;
}

export interface TimestampBounds {
  notBefore: number;
  notAfter: number;
}

/** Polls before 2000-01-01T00:00Z are flagged (an unset clock or a typo, e.g. 1970-01-01), not refused. */
export const EARLIEST_POLL_US = Date.UTC(2000, 0, 1) * 1000;
/** Polls more than IMPORT_MAX_FUTURE_HOURS (default one year) after the import's clock are flagged (typos like 2032). */
export const DEFAULT_MAX_FUTURE_HOURS = 24 * 366;

/** The timestamp bounds of an import that starts now. */
export function timestampBounds(nowMs = Date.now()): TimestampBounds {
  const raw = Number(process.env.IMPORT_MAX_FUTURE_HOURS ?? DEFAULT_MAX_FUTURE_HOURS);
  const hours = Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_MAX_FUTURE_HOURS;
  return { notBefore: EARLIEST_POLL_US, notAfter: Math.round((nowMs + hours * 3_600_000) * 1000) };
}

/** Normalises a header cell: BOM, surrounding spaces and case do not matter. */
function headerName(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().toLowerCase();
}

function matchColumns(kind: SourceKind, names: string[]): Record<string, number> | undefined {
  const found: Record<string, number> = {};
  for (const [col, aliases] of Object.entries(COLUMNS[kind])) {
    const i = names.findIndex((n) => (aliases as readonly string[]).includes(n));
    if (i < 0) return undefined;
    found[col] = i;
  }
  return found;
}

const DELIMITERS: Array<[string, string]> = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'vertical bars (|)'],
];

/** A one-field line that would split into known columns on another delimiter → that delimiter's name. */
function wrongDelimiter(record: string[]): string | undefined {
  if (record.length !== 1) return undefined;
  for (const [d, name] of DELIMITERS) if (record[0]!.includes(d) && record[0]!.split(d).length > 1) return name;
  return undefined;
}

/** Which source a header row belongs to, or a clear reason why it is none of them. */
export function detectSource(header: string[], bounds: TimestampBounds = timestampBounds()): ParseResult<DetectedSource> {
  const names = header.map(headerName);
  // Hours first: its columns are a superset of nothing else, and polls/zones are disjoint.
  for (const kind of ['hours', 'polls', 'zones'] as const) {
    const columns = matchColumns(kind, names);
    if (columns) {
      const used = Object.entries(columns);
      const width = Math.max(...used.map(([, i]) => i)) + 1;
      return { ok: true, value: { kind, columns, used, width, bounds } as unknown as DetectedSource };
    }
  }
  const delimiter = wrongDelimiter(header);
  if (delimiter)
    return {
      ok: false,
      reason: `the file is separated by ${delimiter} instead of commas (the header is one field: ${JSON.stringify(header[0]!.slice(0, 60))}); ` +
        `save it as comma-separated CSV ("CSV UTF-8") and import it again`,
    };
  const shown = header.slice(0, 8).map((h) => JSON.stringify(h.slice(0, 40))).join(', ');
  const hasStore = names.includes('store_id');
  const hint = hasStore ? ' (it has store_id but is missing the other columns of every source)' : '';
  return {
    ok: false,
    reason: `unrecognised header [${shown}]${hint}; expected one of: ${Object.values(SOURCE_LABELS).join('; ')}`,
  };
}

export interface PollRow {
  storeId: string;
  ts: number;
  active: boolean;
}
export interface HoursRowParsed {
  storeId: string;
  day: number;
  startUs: number;
  endUs: number;
}
export interface ZoneRow {
  storeId: string;
  /** Canonical IANA name; null = the default (empty or unknown name). */
  timeZone: string | null;
  /** The name as written (trimmed). */
  rawName: string;
  /** Set when the name was given but is no IANA zone (the store falls back to the default). */
  unknownZone?: string;
}

type Row<K extends SourceKind> = K extends 'polls' ? PollRow : K extends 'hours' ? HoursRowParsed : ZoneRow;

/** `8.41954E+18`, `8,41954E+18`: a long numeric id after a spreadsheet turned it into a float. */
const SUSPICIOUS_ID = /^\d(?:[.,]\d+)?E\+\d+$/i;

/**
 * The longest store id accepted, in characters: ids are opaque (real ones are 19-digit numbers or
 * UUIDs); the bound keeps every id (≤ 2,000 UTF-8 bytes) inside a PostgreSQL b-tree key.
 */
export const MAX_STORE_ID_LENGTH = 500;

/** A store id exactly as written (never trimmed or case-folded), or why it cannot be one. */
function storeIdOf(cell: string | undefined): ParseResult<string> {
  if (cell === undefined || cell === '') return { ok: false, reason: 'empty store_id' };
  if (cell.length > MAX_STORE_ID_LENGTH) return { ok: false, reason: `store_id longer than ${MAX_STORE_ID_LENGTH} characters` };
  // Tab, CR and LF are legal inside a quoted id (SPEC §3 escapes ids that start with tab or CR); NUL cannot be stored.
  if (cell.includes('\u0000')) return { ok: false, reason: 'store_id contains a NUL byte' };
  return { ok: true, value: cell };
}

/**
 * Bytes the guard could not read as text, in a column this source uses: invalid UTF-8 (replaced
 * by U+FFFD in lib/import/guard.ts, e.g. a Latin-1 é) or a NUL byte. Extra columns are not checked.
 */
function damagedField(record: string[], used: DetectedSource['used']): string | undefined {
  for (const [name, i] of used) {
    const v = record[i]!;
    if (v.includes('\uFFFD'))
      return `${name} is not valid UTF-8 text (the file may be Latin-1 / Windows-1252: save it as "CSV UTF-8")`;
    if (v.includes('\u0000')) return `${name} contains a NUL byte (binary data in a text file)`;
  }
  return undefined;
}

/**
 * A business-hours or time-zone file is a full snapshot (SPEC §1): one with no accepted row, imported
 * over stored data, would delete every store's hours (all open 24×7) or zones (all America/Chicago).
 * Such a file is refused when there is stored data to lose (`stored` rows); on an empty table it
 * changes nothing and is accepted (its rejections are still reported).
 */
export function emptySnapshotRefusal(kind: SourceKind, accepted: number, rejected: number, stored: number): string | undefined {
  if (kind === 'polls' || accepted > 0 || stored === 0) return undefined;
  const what = kind === 'hours' ? 'business-hours' : 'time-zone';
  const effect =
    kind === 'hours'
      ? `delete the ${stored} stored business-hours rows (every store would count as open 24×7)`
      : `delete the ${stored} stored time zones (every store would use America/Chicago)`;
  const rows = rejected > 0 ? `all ${rejected} of its rows were rejected` : 'it has no data rows';
  return `the ${what} file was refused: ${rows}, and importing it would ${effect}. The stored ${what} data is unchanged.`;
}

function missingFields(record: string[], need: number): string | undefined {
  if (record.length < need) {
    const delimiter = wrongDelimiter(record);
    return `too few fields (${record.length}, expected at least ${need})${delimiter ? `; the line seems to be separated by ${delimiter} instead of commas` : ''}`;
  }
  return undefined;
}

/** One record of a detected source → its typed row, or the reason it is rejected. */
export function parseRecord<K extends SourceKind>(source: DetectedSource<K>, record: string[]): ParseResult<Row<K>> {
  const c = source.columns as Record<string, number>;
  const short = missingFields(record, source.width);
  if (short) return { ok: false, reason: short };
  const damaged = damagedField(record, source.used);
  if (damaged) return { ok: false, reason: damaged };
  const id = storeIdOf(record[c.store_id!]);
  if (!id.ok) return id;
  const storeId = id.value;
  switch (source.kind) {
    case 'polls': {
      const status = record[c.status!]!.trim().toLowerCase();
      if (status !== 'active' && status !== 'inactive')
        return { ok: false, reason: `status must be active or inactive, got "${record[c.status!]!.trim().slice(0, 40)}"` };
      const ts = parseTimestamp(record[c.timestamp_utc!]!);
      if (!ts.ok) return ts;
      return { ok: true, value: { storeId, ts: ts.value, active: status === 'active' } as Row<K> };
    }
    case 'hours': {
      const dayText = record[c.day!]!.trim();
      if (!/^[0-6]$/.test(dayText)) return { ok: false, reason: `dayOfWeek must be 0 (Monday) … 6 (Sunday), got "${dayText.slice(0, 20)}"` };
      const start = parseClockTime(record[c.start_time_local!]!);
      if (!start.ok) return { ok: false, reason: `start_time_local: ${start.reason}` };
      const end = parseClockTime(record[c.end_time_local!]!);
      if (!end.ok) return { ok: false, reason: `end_time_local: ${end.reason}` };
      return { ok: true, value: { storeId, day: Number(dayText), startUs: start.value, endUs: end.value } as Row<K> };
    }
    case 'zones': {
      const raw = record[c.timezone_str!]!.trim();
      if (raw === '') return { ok: true, value: { storeId, timeZone: null, rawName: raw } as Row<K> };
      const zone = resolveZoneName(raw);
      if (!zone) return { ok: true, value: { storeId, timeZone: null, rawName: raw, unknownZone: raw.slice(0, 80) } as Row<K> };
      return { ok: true, value: { storeId, timeZone: zone, rawName: raw } as Row<K> };
    }
  }
  return { ok: false, reason: 'unknown source' };
}

/** What an accepted row may look like that the operator should hear about (the row is imported as written). */
export type RowFlag = 'mangled-id' | 'poll-before-2000' | 'poll-in-future';

export const FLAG_TEXT: Record<RowFlag, (n: number, bounds: TimestampBounds | undefined) => string> = {
  'mangled-id': (n) =>
    `${n === 1 ? 'a store id looks' : `${n} store ids look`} mangled by a spreadsheet (scientific notation such as 8.41954E+18 loses digits); imported as written — re-export the file with the ids as text`,
  'poll-before-2000': (n) => `${n === 1 ? 'a poll is' : `${n} polls are`} dated before 2000-01-01 (an unset clock?); imported`,
  'poll-in-future': (n, b) =>
    `${n === 1 ? 'a poll is' : `${n} polls are`} dated after ${b ? formatInstant(b.notAfter).slice(0, 10) : 'the limit'} (more than IMPORT_MAX_FUTURE_HOURS after this import); imported — the default as-of of a report is the latest poll, so check for a typo in the year`,
};

/** The flag of an accepted row, if any (cheap: called for every row). */
export function rowFlag(source: DetectedSource, row: { storeId: string; ts?: number }): RowFlag | undefined {
  if (SUSPICIOUS_ID.test(row.storeId.trim())) return 'mangled-id';
  if (row.ts !== undefined && source.bounds) {
    if (row.ts < source.bounds.notBefore) return 'poll-before-2000';
    if (row.ts > source.bounds.notAfter) return 'poll-in-future';
  }
  return undefined;
}
