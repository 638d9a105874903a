import type { DataQuality } from '@/lib/dashboard/store-timeline';
import { formatDuration, formatInZone } from '@/lib/dashboard/format';

/**
 * The drill-down's "longest gap" line: the longest stretch of business time in the report week
 * without an observation, saying what bounds it — an observation, the start of the report week
 * (nothing observed before) or the as-of (nothing observed since). Instants are µs; `asOf` (µs),
 * when given, is shown as the right edge of a trailing gap (else the week's last business instant).
 */
export function LongestGapNote({ quality: q, zone, asOf = null }: { quality: DataQuality; zone: string; asOf?: number | null }) {
  if (q.longestGapS === null || q.longestGapFrom === null || q.longestGapTo === null)
    return <span data-testid="longest-gap">Longest gap without an observation: n/a (no business hours in the report week).</span>;
  const at = (us: number) => formatInZone(us / 1000, zone);
  const fromKind = q.longestGapFromKind ?? 'observation';
  const toKind = q.longestGapToKind ?? 'observation';
  const to = toKind === 'as-of' && asOf !== null ? asOf : q.longestGapTo;
  const duration = `${formatDuration(q.longestGapS)} of business time`;
  let text: string;
  let when: string;
  if (fromKind === 'observation' && toKind === 'observation') {
    text = `Longest gap between observations: ${duration}`;
    when = `${at(q.longestGapFrom)} → ${at(to)} store time`;
  } else if (fromKind === 'week-start' && toKind === 'as-of') {
    text = `No observation in the whole report week: ${duration} without one`;
    when = `start of the week ${at(q.longestGapFrom)} → as-of ${at(to)} store time`;
  } else if (fromKind === 'week-start') {
    text = `Longest gap without an observation: ${duration}, from the start of the report week to the first observation`;
    when = `${at(q.longestGapFrom)} → ${at(to)} store time`;
  } else {
    text = `Longest gap without an observation: ${duration}, from the last observation to the as-of`;
    when = `${at(q.longestGapFrom)} → ${at(to)} store time`;
  }
  return (
    <span data-testid="longest-gap" data-from-kind={fromKind} data-to-kind={toKind}>
      {text}
      <span className="subtle"> ({when})</span>.
    </span>
  );
}
