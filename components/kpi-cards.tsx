import type { FleetKpis } from '@/lib/dashboard/overview';
import { formatCount, formatPct, pctClass } from '@/lib/dashboard/format';

function Kpi({ label, value, note, className = '', testId }: { label: string; value: string; note?: string; className?: string; testId: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className={`kpi-value ${className}`}>{value}</div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}

/** The fleet KPIs of one report. Uptime % is time-weighted: Σ uptime / Σ (uptime + downtime). */
export function KpiCards({ kpis }: { kpis: FleetKpis }) {
  return (
    <section className="kpis" aria-label="Key figures">
      <Kpi testId="kpi-stores" label="Stores in report" value={formatCount(kpis.stores)} />
      <Kpi testId="kpi-uptime-day" label="Uptime, last day" value={formatPct(kpis.uptimePctDay, 2)} className={pctClass(kpis.uptimePctDay)} note="business hours, time-weighted" />
      <Kpi testId="kpi-uptime-week" label="Uptime, last week" value={formatPct(kpis.uptimePctWeek, 2)} className={pctClass(kpis.uptimePctWeek)} note="business hours, time-weighted" />
      <Kpi testId="kpi-down-hour" label="Down in the last hour" value={formatCount(kpis.storesDownLastHour)} className={kpis.storesDownLastHour > 0 ? 'bad' : 'ok'} note="stores with any downtime" />
      <Kpi testId="kpi-no-data" label="Stores without data" value={formatCount(kpis.storesNoData)} note="no poll in business hours this week" />
    </section>
  );
}
