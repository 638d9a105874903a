import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseTableView, tableViewQuery } from '../../lib/dashboard/table-params';
import { uploadMaxBytes, DEFAULT_UPLOAD_MAX_BYTES } from '../../lib/dashboard/upload-limit';

describe('report table URL params', () => {
  it('gives the default view for nothing', () => {
    expect(parseTableView({})).toEqual(DEFAULT_VIEW);
    expect(parseTableView(undefined)).toEqual(DEFAULT_VIEW);
    expect(parseTableView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
  });

  it('accepts every valid value', () => {
    expect(parseTableView({ sort: 'uptime_pct_week', dir: 'desc', q: ' 8419 ', filter: 'down_hour', page: '3', size: '100' })).toEqual({
      sort: 'uptime_pct_week', dir: 'desc', q: '8419', filter: 'down_hour', page: 3, size: 100,
    });
    expect(parseTableView(new URLSearchParams('sort=downtime_last_day&dir=asc&filter=no_data&size=25'))).toMatchObject({
      sort: 'downtime_last_day', filter: 'no_data', size: 25,
    });
  });

  it('falls back per field for unknown or malformed values, never throwing', () => {
    const bad = {
      sort: "'; drop table polls; --",
      dir: 'sideways',
      filter: 'everything',
      page: '-1',
      size: '7',
    };
    expect(parseTableView(bad)).toEqual({ ...DEFAULT_VIEW });
    expect(parseTableView({ page: '1e3' }).page).toBe(1);
    expect(parseTableView({ page: '0' }).page).toBe(1);
    expect(parseTableView({ page: '99999999999' }).page).toBe(1);
    expect(parseTableView({ page: 'abc', sort: 'uptime_last_hour' })).toMatchObject({ page: 1, sort: 'uptime_last_hour' });
    expect(parseTableView({ sort: 'store_id; DELETE FROM reports' }).sort).toBe('store_id');
    expect(parseTableView({ sort: '__proto__', dir: 'constructor' })).toEqual(DEFAULT_VIEW);
  });

  it('takes the first of repeated params', () => {
    expect(parseTableView({ sort: ['uptime_last_day', 'store_id'], page: ['2', '5'] })).toMatchObject({ sort: 'uptime_last_day', page: 2 });
  });

  it('keeps search text as text (bounded, no control characters)', () => {
    const v = parseTableView({ q: "'; drop table polls; --\u0000" + 'x'.repeat(500) });
    expect(v.q.startsWith("'; drop table polls; --x")).toBe(true);
    expect(v.q.length).toBe(100);
  });

  it('writes only non-default values to the query string and round-trips', () => {
    expect(tableViewQuery(DEFAULT_VIEW)).toBe('');
    const view = { ...DEFAULT_VIEW, sort: 'uptime_last_week' as const, dir: 'desc' as const, q: 'a b&c', page: 4 };
    const q = tableViewQuery(view);
    expect(q).toBe('?sort=uptime_last_week&dir=desc&q=a+b%26c&page=4');
    expect(parseTableView(new URLSearchParams(q.slice(1)))).toEqual(view);
  });
});

describe('upload limit', () => {
  it('reads UPLOAD_MAX_BYTES in bytes or with a unit, else the default', () => {
    expect(uploadMaxBytes(undefined)).toBe(DEFAULT_UPLOAD_MAX_BYTES);
    expect(uploadMaxBytes('1048576')).toBe(1048576);
    expect(uploadMaxBytes('5mb')).toBe(5 * 1024 * 1024);
    expect(uploadMaxBytes('1 GB')).toBe(1024 ** 3);
    expect(uploadMaxBytes('lots')).toBe(DEFAULT_UPLOAD_MAX_BYTES);
    expect(uploadMaxBytes('0')).toBe(DEFAULT_UPLOAD_MAX_BYTES);
  });
});
