/**
 * The three CSV sources (SPEC §1): recognising a file by its header and turning one record
 * into a typed row or a rejection reason. Pure: no I/O.
 */
import { parseClockTime, parseTimestamp, type ParseResult } from '../report/time';
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

/** Which source a header row belongs to, or a clear reason why it is none of them. */
export function detectSource(header: string[]): ParseResult<DetectedSource> {
  const names = header.map(headerName);
  // Hours first: its columns are a superset of nothing else, and polls/zones are disjoint.
  for (const kind of ['hours', 'polls', 'zones'] as const) {
    const columns = matchColumns(kind, names);
    if (columns) return { ok: true, value: { kind, columns } as DetectedSource };
  }
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

const SUSPICIOUS_ID = /^\d(?:\.\d+)?E\+\d+$/i;

/** A store id exactly as written (never trimmed or case-folded), or why it cannot be one. */
function storeIdOf(cell: string | undefined): ParseResult<string> {
  if (cell === undefined || cell === '') return { ok: false, reason: 'empty store_id' };
  if (cell.length > 200) return { ok: false, reason: `store_id longer than 200 characters` };
  if (SUSPICIOUS_ID.test(cell.trim()))
    return { ok: false, reason: `store_id "${cell}" looks mangled by a spreadsheet (scientific notation loses digits)` };
  if (/[\u0000-\u001f]/.test(cell)) return { ok: false, reason: 'store_id contains control characters' };
  return { ok: true, value: cell };
}

function missingFields(record: string[], columns: Record<string, number>): string | undefined {
  const need = Math.max(...Object.values(columns)) + 1;
  if (record.length < need) return `too few fields (${record.length}, expected at least ${need})`;
  return undefined;
}

/** One record of a detected source → its typed row, or the reason it is rejected. */
export function parseRecord<K extends SourceKind>(source: DetectedSource<K>, record: string[]): ParseResult<Row<K>> {
  const c = source.columns as Record<string, number>;
  const short = missingFields(record, c);
  if (short) return { ok: false, reason: short };
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
