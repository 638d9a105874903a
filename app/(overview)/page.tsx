import Link from 'next/link';
import { getDb } from '@/db/client';
import { FirstRun } from '@/components/first-run';
import { GenerateReportButton } from '@/components/generate-report-button';
import { KpiCards } from '@/components/kpi-cards';
import { InstantWithLocal } from '@/components/local-time';
import { ReportHistoryTable } from '@/components/report-history-table';
import { UptimeDistributionChart } from '@/components/uptime-distribution-chart';
import { WorstStores } from '@/components/worst-stores';
import { activeReport, fleetKpis, latestCompleteReport, reportCount, reportHistory, uptimeDistribution, worstStores } from '@/lib/dashboard/overview';
import { isDatabaseEmpty } from '@/lib/import/sample';

export const dynamic = 'force-dynamic';

const HISTORY_SHOWN = 20;

export default async function OverviewPage() {
  const db = await getDb();
  const [empty, latest, active, history, reports] = await Promise.all([
    isDatabaseEmpty(db), latestCompleteReport(db), activeReport(db), reportHistory(db, HISTORY_SHOWN), reportCount(db),
  ]);
  const [kpis, buckets, worst] = latest
    ? await Promise.all([fleetKpis(db, latest.id), uptimeDistribution(db, latest.id), worstStores(db, latest.id, 10)])
    : [null, null, null];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          {latest ? (
            <p className="subtle" style={{ margin: 0 }} data-testid="latest-report">
              Latest report as of <InstantWithLocal iso={latest.asOf} /> ·{' '}
              <Link href={`/reports/${latest.id}`}>open the full table</Link>
            </p>
          ) : (
            <p className="subtle" style={{ margin: 0 }}>Business-hours uptime of every store over the last hour, day and week.</p>
          )}
        </div>
        {!empty && <GenerateReportButton activeReportId={active?.id ?? null} />}
      </div>

      {empty && <FirstRun />}

      {!latest && !empty && (
        <p className="alert alert-info" data-testid="no-complete-report">
          No complete report yet{active ? ': the first one is being computed.' : '. Generate one to see the fleet’s uptime.'}
        </p>
      )}

      {latest && kpis && buckets && worst && kpis.stores > 0 && (
        <>
          <KpiCards kpis={kpis} />
          <div className="grid-2" style={{ marginBottom: '1.25rem' }}>
            <section className="card" aria-labelledby="dist-h">
              <h2 id="dist-h">Uptime distribution, last week</h2>
              <UptimeDistributionChart buckets={buckets} />
            </section>
            <section className="card" aria-labelledby="worst-h">
              <h2 id="worst-h">Worst stores this week</h2>
              <WorstStores stores={worst} reportId={latest.id} />
            </section>
          </div>
        </>
      )}

      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">Report history</h2>
        <ReportHistoryTable reports={history} />
        {reports > HISTORY_SHOWN && (
          <p className="small" style={{ marginBottom: 0 }}>
            The latest {HISTORY_SHOWN} of {reports.toLocaleString('en-US')} · <Link href="/reports">all reports →</Link>
          </p>
        )}
      </section>
    </>
  );
}
