/** A store's business-hours rows as text per weekday, in the store's local time (SPEC §2 rules). */
import { formatClockTime, isEndOfDay, type HoursRow } from '../report';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface WeekdayHours {
  day: number;
  name: string;
  /** e.g. `09:00–17:30`, `22:00–02:00 (next day)`, `10:00–10:00 (24 h)`; empty = closed. */
  spans: string[];
}

const hm = (us: number) => {
  const t = formatClockTime(us);
  return t.endsWith(':00') && !t.includes('.') ? t.slice(0, 5) : t;
};

function spanText(r: HoursRow): string {
  if (r.endUs === r.startUs) return `${hm(r.startUs)}–${hm(r.endUs)} (24 h)`;
  if (isEndOfDay(r.endUs)) return `${hm(r.startUs)}–24:00`;
  if (r.endUs < r.startUs) return `${hm(r.startUs)}–${hm(r.endUs)} (next day)`;
  return `${hm(r.startUs)}–${hm(r.endUs)}`;
}

export function hoursByWeekday(rows: readonly HoursRow[]): WeekdayHours[] {
  return WEEKDAYS.map((name, day) => {
    const mine = rows.filter((r) => r.day === day);
    // Identical rows are shown once; overlapping ones are listed as given (the engine merges them).
    const seen = new Set<string>();
    const spans: string[] = [];
    for (const r of mine.slice().sort((a, b) => a.startUs - b.startUs)) {
      const t = spanText(r);
      if (!seen.has(t)) spans.push(t);
      seen.add(t);
    }
    return { day, name, spans };
  });
}
