import Link from 'next/link';
import type { WorstStore } from '@/lib/dashboard/overview';
import { formatDuration, formatPct, pctClass, storeHref } from '@/lib/dashboard/format';

/**
 * The stores with the lowest business-hours uptime over the last week. The store column takes the
 * card's spare width and wraps a long id onto at most two lines (then an ellipsis; the full id in
 * the title), so the numbers stay in view at any width.
 */
export function WorstStores({ stores, reportId }: { stores: WorstStore[]; reportId: string }) {
  if (stores.length === 0) return <p className="subtle">No store had downtime in business hours this week.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="worst-stores">
        <thead>
          <tr>
            <th scope="col" className="col-fill">Store</th>
            <th scope="col" className="num">Uptime (week)</th>
            <th scope="col" className="num">Downtime</th>
          </tr>
        </thead>
        <tbody>
          {stores.map((s) => (
            <tr key={s.storeId}>
              <td className="col-fill">
                <Link href={storeHref(s.storeId, reportId)} className="store-link clamp-2" title={s.storeId}>{s.storeId}</Link>
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
