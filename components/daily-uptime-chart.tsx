'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface DailyBar {
  date: string;
  label: string;
  upH: number;
  downH: number;
}

/** Business-hours uptime and downtime per store-local day (hours). */
export function DailyUptimeChart({ days, zone }: { days: DailyBar[]; zone: string }) {
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart" data-testid="daily-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={40} unit=" h" />
            <Tooltip formatter={(v, name) => [`${Number(v).toFixed(2)} h`, name]} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="upH" name="Uptime" stackId="a" fill="#16703f" isAnimationActive={false} />
            <Bar dataKey="downH" name="Downtime" stackId="a" fill="#c0392b" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small subtle">Per local day in {zone}; the first and last days are partial (the report week starts and ends at the as-of time).</figcaption>
    </figure>
  );
}
