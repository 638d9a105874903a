'use client';

import { useEffect, useState } from 'react';
import { formatUtc } from '@/lib/dashboard/format';

/**
 * An instant in the viewer's own time zone, labelled with the zone (e.g. `2023-01-25 23:43 (Asia/Kolkata)`).
 * The server renders nothing zone-specific (it cannot know the viewer's zone); the browser fills it in.
 */
export function LocalTime({ iso, fallback = '' }: { iso: string | null; fallback?: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!iso) return;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(d)
        .map((x) => [x.type, x.value]),
    ) as Record<string, string>;
    setText(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${zone}, your time)`);
  }, [iso]);
  return <span data-testid="local-time">{text ?? fallback}</span>;
}

/** UTC first (always correct on the server), then the viewer's local time. */
export function InstantWithLocal({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>;
  return (
    <span>
      <time dateTime={iso}>{formatUtc(iso)}</time>
      <br />
      <span className="subtle small"><LocalTime iso={iso} /></span>
    </span>
  );
}
