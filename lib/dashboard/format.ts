/** Display formatting shared by server pages and client components (no I/O, no Node APIs). */

/** `98.4%`; `—` when there is no value. */
/** Uptime as a share of business time with data, 0–100 (uptime / (uptime + downtime)); null without data. */
export function uptimeShare(up: number, down: number): number | null {
  return up + down > 0 ? (100 * up) / (up + down) : null;
}

export function formatPct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(digits)}%`;
}

/** Seconds as minutes with 2 decimals (like the CSV's `*_last_hour`). Display only. */
export const minutes = (s: number) => (s / 60).toFixed(2);
/** Seconds as hours with 2 decimals (like the CSV's `*_last_day` / `*_last_week`). Display only. */
export const hours = (s: number) => (s / 3600).toFixed(2);

/** A compact duration: `45 s`, `12 min`, `3 h 05 min`, `2 d 4 h`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, seconds);
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const h = Math.floor(s / 3600), m = Math.round((s % 3600) / 60);
    return m === 60 ? `${h + 1} h` : `${h} h ${String(m).padStart(2, '0')} min`;
  }
  const d = Math.floor(s / 86400), h = Math.round((s % 86400) / 3600);
  return h === 24 ? `${d + 1} d` : `${d} d ${h} h`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `2023-01-25 18:13 UTC` from an ISO instant (or ms), always in UTC. */
export function formatUtc(iso: string | number | null | undefined, withSeconds = false): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const t = d.toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, withSeconds ? 19 : 16)} UTC`;
}

/** A wall-clock time in an IANA zone: `Mon 2023-01-23 14:05`. */
export function formatInZone(ms: number, zone: string, style: 'full' | 'tick' | 'date' = 'full'): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value])) as Record<string, string>;
  if (style === 'tick') return `${p.weekday} ${p.hour}:${p.minute}`;
  if (style === 'date') return `${p.weekday} ${p.month}/${p.day}`;
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The URL path of a store's drill-down (ids are opaque: always URL-encoded), optionally in a given report. */
export function storeHref(storeId: string, reportId?: string): string {
  return `/stores/${encodeURIComponent(storeId)}${reportId ? `?report=${encodeURIComponent(reportId)}` : ''}`;
}

/** A CSS class for an uptime percentage (green ≥ 95, amber ≥ 80, red below). */
export function pctClass(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return v >= 95 ? 'pct-ok' : v >= 80 ? 'pct-mid' : 'pct-bad';
}
