'use client';

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DistributionBucket } from '@/lib/dashboard/overview';
import { countOf } from '@/lib/plural';

const colour = (bucket: number) => (bucket >= 10 ? '#16703f' : bucket >= 9 ? '#4c9a6a' : bucket >= 7 ? '#c99a2e' : '#c0463d');

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** `3`, `250`, `5.7K`: short enough to sit above a narrow bar. */
const shortCount = (n: number) => (n < 1000 ? String(n) : compact.format(n));

/**
 * Y ticks for the symlog scale: the powers of ten up to the largest count, topped by the 1-2-5
 * number at or above it (the axis ends there, which leaves room for the labels). No 0 tick: it
 * would crowd the 1 just above it, and the baseline is 0 anyway.
 */
export function logTicks(max: number): number[] {
  const ticks: number[] = [];
  if (!(max > 0)) return [1];
  for (let p = 1; p < max; p *= 10) ticks.push(p);
  const mag = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 5, 10].map((m) => m * mag).find((v) => v >= max)!;
  if (top !== ticks[ticks.length - 1]) ticks.push(top);
  return ticks;
}

/**
 * Stores per bucket of last-week business-hours uptime (bucketed on the server). The Y axis is
 * logarithmic (symlog: log(1 + n), so an empty bucket sits at 0 with no bar and no log(0)): a
 * bucket of a handful of stores stays visible next to thousands. Each bar carries its count.
 */
export function UptimeDistributionChart({ buckets }: { buckets: DistributionBucket[] }) {
  const total = buckets.reduce((a, b) => a + b.stores, 0);
  const max = buckets.reduce((a, b) => Math.max(a, b.stores), 0);
  const ticks = logTicks(max);
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart" data-testid="distribution-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} margin={{ top: 18, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={50} />
            <YAxis
              scale="symlog"
              domain={[0, ticks[ticks.length - 1]!]}
              ticks={ticks}
              interval={0}
              allowDataOverflow
              tickFormatter={(v: number) => shortCount(v)}
              tick={{ fontSize: 11 }}
              width={40}
            />
            <Tooltip formatter={(v) => [countOf(Number(v), 'store'), 'Stores']} labelFormatter={(l) => `Uptime ${l}`} />
            <Bar dataKey="stores" isAnimationActive={false}>
              {buckets.map((b) => (
                <Cell key={b.bucket} fill={colour(b.bucket)} />
              ))}
              <LabelList dataKey="stores" position="top" offset={4} fontSize={10.5} fill="#586174" formatter={(v) => shortCount(Number(v))} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small subtle">
        {countOf(total, 'store')} with data, by business-hours uptime over the last week (stores without any observation are not shown).
        Logarithmic scale (grid lines at 1, 10, 100 … stores), so a bucket of a few stores stays visible; the number above each bar is its count.
      </figcaption>
      <table className="sr-only">
        <caption>Uptime distribution</caption>
        <thead><tr><th>Uptime</th><th>Stores</th></tr></thead>
        <tbody>{buckets.map((b) => <tr key={b.bucket}><td>{b.label}</td><td>{b.stores}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
