/**
 * SPEC §1 / §3a field rules: timestamps, clock times, headers and records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSource, parseRecord, rowFlag, type DetectedSource } from '../../lib/import/sources';
import { formatInstant, parseClockTime, parseTimestamp } from '../../lib/report/time';

const iso = (s: string) => {
  const r = parseTimestamp(s);
  return r.ok ? formatInstant(r.value) : `rejected: ${r.reason}`;
};

describe('timestamps', () => {
  it('accepts the export format with 0–6 fraction digits, ISO Z and offsets', () => {
    expect(iso('2023-01-22 12:09:39.388884 UTC')).toBe('2023-01-22T12:09:39.388884Z');
    expect(iso('2023-01-22 12:09:39.38 UTC')).toBe('2023-01-22T12:09:39.380000Z');
    expect(iso('2023-01-22 12:09:39 UTC')).toBe('2023-01-22T12:09:39Z');
    expect(iso('2023-01-22T11:30:00-07:00')).toBe('2023-01-22T18:30:00Z');
    expect(iso('2023-01-22T22:30:00.000+00:00')).toBe('2023-01-22T22:30:00Z');
    expect(iso(' 2023-01-22T12:00:00Z ')).toBe('2023-01-22T12:00:00Z');
  });
  it('the export form (read by character codes) gives what the general ISO path gives, valid or not', () => {
    const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 1960, max: 2210 }).map(String),
        two(0, 13), two(0, 32), two(0, 25), two(0, 61), two(0, 61),
        fc.stringMatching(/^\d{0,7}$/),
        (y, mo, d, h, mi, sec, frac) => {
          const f = frac === '' ? '' : `.${frac}`;
          const exportForm = parseTimestamp(`${y}-${mo}-${d} ${h}:${mi}:${sec}${f} UTC`);
          const isoForm = parseTimestamp(`${y}-${mo}-${d}T${h}:${mi}:${sec}${f}Z`);
          expect(exportForm.ok).toBe(isoForm.ok);
          if (exportForm.ok && isoForm.ok) expect(exportForm.value).toBe(isoForm.value);
          else if (!exportForm.ok && !isoForm.ok) expect(exportForm.reason.split(':')[0]).toBe(isoForm.reason.split(':')[0]);
        },
      ),
      { numRuns: 5000 },
    );
    expect(iso('2023-1-22 12:00:00 UTC')).toMatch(/^rejected: not a timestamp/);
    expect(iso('2023-01-22 12:00:00.1234567 UTC')).toMatch(/7 fraction digits/);
    expect(iso('2023-01-22 12:00:0x UTC')).toMatch(/^rejected: not a timestamp/);
  });
  it('the same instant written two ways is equal', () => {
    expect(iso('2023-01-22 12:00:00 UTC')).toBe(iso('2023-01-22T12:00:00Z'));
  });
  it('rejects 7+ fraction digits, no zone, impossible dates, far years', () => {
    expect(iso('2023-01-22 12:09:39.3888841 UTC')).toMatch(/rejected: .*7 fraction digits/);
    expect(iso('2023-01-22T12:00:00')).toMatch(/rejected: .*no time zone/);
    expect(iso('2023-02-30 12:00:00 UTC')).toMatch(/rejected: impossible date/);
    expect(iso('2023-01-22 24:00:00 UTC')).toMatch(/rejected: impossible time/);
    expect(iso('9999-01-01 00:00:00 UTC')).toMatch(/rejected: .*year 9999/);
    expect(iso('yesterday')).toMatch(/rejected: not a timestamp/);
  });
});

describe('clock times', () => {
  const c = (s: string) => {
    const r = parseClockTime(s);
    return r.ok ? r.value : r.reason;
  };
  it('HH:MM[:SS[.ffffff]]', () => {
    expect(c('09:00')).toBe(9 * 3600e6);
    expect(c('9:00:00')).toBe(9 * 3600e6);
    expect(c('23:59:59.999999')).toBe(86400e6 - 1);
  });
  it('rejects 24:00, 25:00, 12:60, 9am', () => {
    for (const s of ['24:00', '25:00', '12:60', '9am', '']) expect(typeof c(s)).toBe('string');
  });
});

describe('headers', () => {
  const kind = (h: string[]) => {
    const r = detectSource(h);
    return r.ok ? r.value.kind : 'refused';
  };
  it('recognises each source, any case, any order, extra columns, day aliases, BOM', () => {
    expect(kind(['store_id', 'status', 'timestamp_utc'])).toBe('polls');
    expect(kind(['\uFEFFtimestamp_utc', 'note', 'STATUS', 'store_id'])).toBe('polls');
    for (const day of ['day', 'dayOfWeek', 'day_of_week', 'DAY'])
      expect(kind(['store_id', day, 'start_time_local', 'end_time_local'])).toBe('hours');
    expect(kind([' store_id ', 'timezone_str'])).toBe('zones');
    expect(kind(['id', 'name'])).toBe('refused');
  });
});

describe('records', () => {
  const polls = detectSource(['store_id', 'status', 'timestamp_utc']);
  if (!polls.ok) throw new Error();
  const src = polls.value as DetectedSource<'polls'>;
  it('keeps store ids exactly as written (19 digits, leading zeros, spaces)', () => {
    for (const id of ['8419537941919820732', '042', ' 42 ', '\tstarts-with-tab', '\rcr', 'new\nline']) {
      const r = parseRecord(src, [id, 'active', '2023-01-22 12:00:00 UTC']);
      expect(r.ok && r.value.storeId).toBe(id);
    }
  });
  it('status any case; other values rejected; too few fields rejected', () => {
    expect(parseRecord(src, ['a', ' Inactive ', '2023-01-22 12:00:00 UTC'])).toMatchObject({ ok: true, value: { active: false } });
    expect(parseRecord(src, ['a', 'unknown', '2023-01-22 12:00:00 UTC'])).toMatchObject({ ok: false });
    expect(parseRecord(src, ['a', 'active'])).toMatchObject({ ok: false, reason: expect.stringMatching(/too few fields/) });
  });
  it('takes ids up to 500 characters', () => {
    expect(parseRecord(src, ['L'.repeat(500), 'active', '2023-01-22 12:00:00 UTC'])).toMatchObject({ ok: true });
    expect(parseRecord(src, ['L'.repeat(501), 'active', '2023-01-22 12:00:00 UTC'])).toEqual({ ok: false, reason: 'store_id longer than 500 characters' });
  });
  it('flags spreadsheet-mangled ids and polls far in the past or future, but keeps them (they parse)', () => {
    const mangled = parseRecord(src, ['8.41954E+18', 'active', '2023-01-22 12:00:00 UTC']);
    expect(mangled).toMatchObject({ ok: true, value: { storeId: '8.41954E+18' } });
    if (!mangled.ok) throw new Error();
    expect(rowFlag(src, mangled.value as { storeId: string; ts: number })).toBe('mangled-id');
    expect(rowFlag(src, { storeId: '8419537941919820732', ts: Date.UTC(2023, 0, 22) * 1000 })).toBeUndefined();
    expect(rowFlag(src, { storeId: 'a', ts: Date.UTC(1999, 11, 31) * 1000 })).toBe('poll-before-2000');
    expect(rowFlag(src, { storeId: 'a', ts: Date.UTC(2150, 0, 1) * 1000 })).toBe('poll-in-future');
  });
  it('zones: case-insensitive names, empty = default, unknown reported', () => {
    const z = detectSource(['store_id', 'timezone_str']);
    if (!z.ok) throw new Error();
    expect(parseRecord(z.value, ['s', 'america/denver'])).toMatchObject({ ok: true, value: { timeZone: 'America/Denver' } });
    expect(parseRecord(z.value, ['s', ''])).toMatchObject({ ok: true, value: { timeZone: null } });
    expect(parseRecord(z.value, ['s', 'Mars/Base'])).toMatchObject({ ok: true, value: { timeZone: null, unknownZone: 'Mars/Base' } });
  });
});
