import Link from 'next/link';
import type { WorstStore } from '@/lib/dashboard/overview';
import { formatDuration, formatPct, pctClass, storeHref } from '@/lib/dashboard/format';

/** The stores with the lowest business-hours uptime over the last week. */
export function WorstStores({ stores, reportId }: { stores: WorstStore[]; reportId: string }) {
  if (stores.length === 0) return <p className="subtle">No store had downtime in business hours this week.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="worst-stores">
        <thead>
          <tr>
            <th scope="col">Store</th>
            <th scope="col" className="num">Uptime (week)</th>
            <th scope="col" className="num">Downtime</th>
          </tr>
        </thead>
        <tbody>
          {stores.map((s) => (
            <tr key={s.storeId}>
              <td style={{ maxWidth: '14rem', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                <Link href={storeHref(s.storeId, reportId)} className="store-link" title={s.storeId}>{s.storeId}</Link>
              </td>
              <td className={`num ${pctClass(s.uptimePctWeek)}`}>{formatPct(s.uptimePctWeek)}</td>
              <td className="num">{formatDuration(s.downtimeWeekS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
