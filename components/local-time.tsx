'use client';

import { useSyncExternalStore } from 'react';
import { formatUtc } from '@/lib/dashboard/format';
import { browserZone, isUtcZone } from './viewer-zone';

const noSubscribe = () => () => {};

/**
 * The viewer's time zone (current IANA name, e.g. `Asia/Kolkata` where Chromium says
 * `Asia/Calcutta`); null on the server and during hydration, which cannot know it.
 */
export function useViewerZone(): string | null {
  return useSyncExternalStore(noSubscribe, browserZone, () => null);
}

/** `2023-01-25 23:43` in the given zone. */
function wallClock(d: Date, zone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function validDate(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * An instant in the viewer's own time zone, labelled with the zone (e.g. `2023-01-25 23:43 (Asia/Kolkata, your time)`).
 * The server renders nothing zone-specific (it cannot know the viewer's zone); the browser fills it in.
 * A viewer in UTC gets `utcText` instead (default `also your time`), as the UTC time next to it is already theirs.
 */
export function LocalTime({ iso, fallback = '', utcText = 'also your time' }: { iso: string | null; fallback?: string; utcText?: string }) {
  const zone = useViewerZone();
  const d = validDate(iso);
  if (!zone || !d) return <span data-testid="local-time">{fallback}</span>;
  if (isUtcZone(zone)) return <span data-testid="local-time-utc">{utcText}</span>;
  return <span data-testid="local-time">{`${wallClock(d, zone)} (${zone}, your time)`}</span>;
}

/**
 * UTC first (always correct on the server), then, on a second line, the viewer's local time —
 * only when the viewer is not in UTC; a viewer in UTC gets a short note instead of the same time twice.
 */
export function InstantWithLocal({ iso }: { iso: string | null }) {
  const zone = useViewerZone();
  if (!iso) return <span>—</span>;
  const utcViewer = zone !== null && isUtcZone(zone);
  return (
    <span>
      <time dateTime={iso}>{formatUtc(iso)}</time>
      {utcViewer ? (
        <span className="subtle small" data-testid="local-time-utc"> (your time zone)</span>
      ) : (
        <>
          <br />
          <span className="subtle small"><LocalTime iso={iso} /></span>
        </>
      )}
    </span>
  );
}
