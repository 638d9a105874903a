import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { LongestGapNote } from '@/components/longest-gap';
import { PageSkeleton } from '@/components/page-skeleton';
import { getDb } from '@/db/client';
import { DailyUptimeChart } from '@/components/daily-uptime-chart';
import { StoreTimelineChart } from '@/components/store-timeline-chart';
import { formatDuration, formatInZone, formatPct, formatUtc, hours, minutes, pctClass, uptimeShare } from '@/lib/dashboard/format';
import { getStoreDetail, storeExists, type StoreDetail } from '@/lib/dashboard/store-detail';
import { MAX_STORE_ID_LENGTH } from '@/lib/import/sources';
import { isReportId } from '@/lib/reports/read';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The store id of the route: as given, or URL-decoded once when that is the known one. */
async function resolveStoreId(raw: string): Promise<string | null> {
  if (raw.length === 0 || raw.length > 3 * MAX_STORE_ID_LENGTH) return null;
  const db = await getDb();
  if (await storeExists(db, raw)) return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return decoded !== raw && (await storeExists(db, decoded)) ? decoded : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { storeId } = await params;
  return { title: `Store ${storeId.slice(0, 40)}` };
}


function Numbers({ d }: { d: StoreDetail }) {
  const r = d.reportRow;
  const t = d.totals;
  const rows = r
    ? [
        { w: 'Last hour', up: r.uptimeHourS, down: r.downtimeHourS, unit: 'min' as const },
        { w: 'Last day', up: r.uptimeDayS, down: r.downtimeDayS, unit: 'h' as const },
        { w: 'Last week', up: r.uptimeWeekS, down: r.downtimeWeekS, unit: 'h' as const },
      ]
    : t
      ? [
          { w: 'Last hour', up: t.hour.up, down: t.hour.down, unit: 'min' as const },
          { w: 'Last day', up: t.day.up, down: t.day.down, unit: 'h' as const },
          { w: 'Last week', up: t.week.up, down: t.week.down, unit: 'h' as const },
        ]
      : [];
  if (rows.length === 0) return <p className="subtle">No polls yet, so nothing to report.</p>;
  const fmt = (s: number, unit: 'min' | 'h') => `${unit === 'min' ? minutes(s) : hours(s)} ${unit}`;
  return (
    <>
      {!r && <p className="small subtle">This store is not in the latest report; numbers computed now at the same as-of.</p>}
      <div className="table-wrap">
        <table data-testid="store-numbers">
          <thead>
            <tr><th scope="col">Window</th><th scope="col" className="num">Uptime</th><th scope="col" className="num">Downtime</th><th scope="col" className="num">Uptime %</th></tr>
          </thead>
          <tbody>
            {rows.map((x) => {
              const p = uptimeShare(x.up, x.down);
              return (
                <tr key={x.w}>
                  <th scope="row" style={{ color: 'inherit', background: 'none', position: 'static' }}>{x.w}</th>
                  <td className="num">{fmt(x.up, x.unit)}</td>
                  <td className="num">{fmt(x.down, x.unit)}</td>
                  <td className={`num ${pctClass(p)}`}>{formatPct(p)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Unknown ids are answered before anything streams, so the not-found page comes with a 404 status. */
export default async function StorePage({ params, searchParams }: Props) {
  const { storeId: raw } = await params;
  const storeId = await resolveStoreId(raw);
  if (storeId === null) notFound();
  const asked = (await searchParams).report;
  const reportId = typeof asked === 'string' && isReportId(asked) ? asked : undefined; // anything else: the latest report
  return (
    <Suspense fallback={<PageSkeleton label="the store" />}>
      <StoreBody storeId={storeId} reportId={reportId} />
    </Suspense>
  );
}

async function StoreBody({ storeId, reportId }: { storeId: string; reportId?: string }) {
  const d = await getStoreDetail(await getDb(), storeId, reportId);
  if (!d) notFound();

  const ms = (us: number) => us / 1000;
  const asOfMs = d.asOf === null ? null : ms(d.asOf);
  const q = d.quality;
  const timeline =
    asOfMs === null
      ? null
      : {
          zone: d.zone,
          from: asOfMs - 7 * 24 * 3600 * 1000,
          to: asOfMs,
          intervals: d.intervals.map((i) => ({ start: ms(i.start), end: ms(i.end) })),
          segments: d.segments.map((s) => ({ start: ms(s.start), end: ms(s.end), active: s.active })),
          polls: d.polls.map((p) => ({ t: ms(p.ts), active: p.active, inHours: p.inHours })),
          dayTicks: d.daily.map((x) => ms(x.startUs)).filter((t) => t > asOfMs - 7 * 24 * 3600 * 1000),
        };
  const daily = d.daily.map((x) => ({ date: x.date, label: formatInZone(ms(x.startUs), d.zone, 'date'), upH: x.upS / 3600, downH: x.downS / 3600 }));

  return (
    <>
      <div className="breadcrumbs">
        <Link href="/">Overview</Link>
        {d.reportId && <> / <Link href={`/reports/${d.reportId}`}>Report</Link></>} / Store
      </div>
      <div className="page-head">
        <div style={{ minWidth: 0 }}>
          <h1 style={{ overflowWrap: 'anywhere' }}>
            Store <span className="mono" data-testid="store-id">{d.storeId}</span>
          </h1>
          <p className="subtle" style={{ margin: 0 }}>
            {asOfMs === null ? 'No polls yet.' : (
              <>
                As of {formatUtc(asOfMs)} = {formatInZone(asOfMs, d.zone)} store time ({d.zone})
                {d.asOfSource !== 'report' ? ' — the latest poll (no complete report yet)' : d.reportRequested ? ' — the report you came from' : ' — the latest complete report'}
              </>
            )}
          </p>
        </div>
      </div>

      <div className="grid-2" style={{ marginBottom: '1.25rem' }}>
        <section className="card" aria-labelledby="numbers-h">
          <h2 id="numbers-h">Uptime in business hours</h2>
          <Numbers d={d} />
        </section>
        <section className="card" aria-labelledby="hours-h">
          <h2 id="hours-h">Time zone and business hours</h2>
          <p data-testid="store-zone">
            <strong>{d.zone}</strong>{' '}
            {d.zoneIsDefault && (
              <span className="badge badge-pending">
                default{d.unusableZoneName ? ` (unknown zone “${d.unusableZoneName}”)` : ' (no zone on file)'}
              </span>
            )}
          </p>
          {d.hours === null ? (
            <p data-testid="store-hours">Open 24×7 <span className="subtle">(no business hours on file)</span></p>
          ) : (
            <table data-testid="store-hours" className="small">
              <caption className="sr-only">Business hours in store-local time ({d.zone})</caption>
              <tbody>
                {d.hours.map((h) => (
                  <tr key={h.day}>
                    <th scope="row" style={{ color: 'inherit', background: 'none', position: 'static' }}>{h.name}</th>
                    <td>{h.spans.length === 0 ? <span className="subtle">closed</span> : h.spans.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="small subtle">Local time ({d.zone}).</p>
        </section>
      </div>

      {timeline && (
        <section className="card" aria-labelledby="timeline-h">
          <h2 id="timeline-h">Last week, polls and interpolated status</h2>
          <p className="small subtle" data-testid="timeline-counts" data-intervals={timeline.intervals.length} data-polls={timeline.polls.length} data-segments={timeline.segments.length}>
            {timeline.intervals.length} business-hours interval{timeline.intervals.length === 1 ? '' : 's'} · {timeline.polls.length} poll
            {timeline.polls.length === 1 ? '' : 's'} ({q?.observations ?? 0} inside business hours)
          </p>
          <StoreTimelineChart data={timeline} />
        </section>
      )}

      {daily.length > 0 && (
        <section className="card" aria-labelledby="daily-h">
          <h2 id="daily-h">Uptime per day</h2>
          <DailyUptimeChart days={daily} zone={d.zone} />
        </section>
      )}

      <section className="card" aria-labelledby="quality-h">
        <h2 id="quality-h">Data quality</h2>
        {q ? (
          <ul className="notes" data-testid="data-quality">
            <li>{q.observations} observation{q.observations === 1 ? '' : 's'} (polls inside business hours) in the report week{q.observations === 0 ? ': the store has no data, so its uptime and downtime are 0.' : '.'}</li>
            <li>{q.pollsOutsideHours} poll{q.pollsOutsideHours === 1 ? '' : 's'} outside business hours (not used), of {q.pollsInWeek} this week.</li>
            <li>
              <LongestGapNote quality={q} zone={d.zone} asOf={d.asOf} />
            </li>
            <li>Polls on file: {d.firstPoll ? `${formatUtc(d.firstPoll)} → ${formatUtc(d.lastPoll)}` : 'none'}.</li>
          </ul>
        ) : (
          <p className="subtle">No polls for this store.</p>
        )}
      </section>
    </>
  );
}
