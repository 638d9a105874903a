'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DistributionBucket } from '@/lib/dashboard/overview';

const colour = (bucket: number) => (bucket >= 10 ? '#16703f' : bucket >= 9 ? '#4c9a6a' : bucket >= 7 ? '#c99a2e' : '#c0463d');

/** Stores per bucket of last-week business-hours uptime (bucketed on the server). */
export function UptimeDistributionChart({ buckets }: { buckets: DistributionBucket[] }) {
  const total = buckets.reduce((a, b) => a + b.stores, 0);
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart" data-testid="distribution-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={50} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
            <Tooltip formatter={(v) => [`${Number(v).toLocaleString('en-US')} stores`, 'Stores']} labelFormatter={(l) => `Uptime ${l}`} />
            <Bar dataKey="stores" isAnimationActive={false}>
              {buckets.map((b) => (
                <Cell key={b.bucket} fill={colour(b.bucket)} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small subtle">
        {total.toLocaleString('en-US')} stores with data, by business-hours uptime over the last week (stores without any observation are not shown).
      </figcaption>
      <table className="sr-only">
        <caption>Uptime distribution</caption>
        <thead><tr><th>Uptime</th><th>Stores</th></tr></thead>
        <tbody>{buckets.map((b) => <tr key={b.bucket}><td>{b.label}</td><td>{b.stores}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
