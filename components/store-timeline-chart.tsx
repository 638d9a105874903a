'use client';

import { ComposedChart, ReferenceArea, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInZone } from '@/lib/dashboard/format';

export interface TimelineData {
  zone: string;
  /** ms since epoch */
  from: number;
  to: number;
  intervals: { start: number; end: number }[];
  segments: { start: number; end: number; active: boolean }[];
  polls: { t: number; active: boolean; inHours: boolean }[];
  /** Local midnights (ms), for the axis ticks. */
  dayTicks: number[];
}

const POLL_Y = { active: 2.35, inactive: 1.75 };
const GREEN = '#16703f', RED = '#c0392b', HOURS = '#dbe6fb';

type PointProps = { cx?: number; cy?: number; payload?: { t: number; active: boolean; inHours: boolean } };

function PollMark({ cx, cy, payload }: PointProps) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const colour = payload.active ? GREEN : RED;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={3.5}
      fill={payload.inHours ? colour : '#fff'}
      stroke={payload.inHours ? colour : '#8b93a5'}
      strokeWidth={1.5}
      data-testid="poll-mark"
      data-active={payload.active ? 'true' : 'false'}
      data-in-hours={payload.inHours ? 'true' : 'false'}
    />
  );
}

type AreaProps = { x?: number; y?: number; width?: number; height?: number };
const areaShape = (testId: string, fill: string, extra: Record<string, string> = {}) =>
  function Area({ x = 0, y = 0, width = 0, height = 0 }: AreaProps) {
    return <rect x={x} y={y} width={Math.max(width, 0.75)} height={height} fill={fill} data-testid={testId} {...extra} />;
  };

/**
 * The store's report week on its local time axis: business hours shaded, every poll as a mark
 * (filled = observation inside business hours, hollow = outside, not used), and the status band the
 * report interpolated from the observations (green = up, red = down).
 */
export function StoreTimelineChart({ data }: { data: TimelineData }) {
  const tick = (ms: number) => formatInZone(ms, data.zone, 'date');
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart chart-tall" data-testid="timeline-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 10, right: 12, bottom: 4, left: 12 }}>
            <XAxis
              type="number"
              dataKey="t"
              domain={[data.from, data.to]}
              ticks={data.dayTicks}
              tickFormatter={tick}
              tick={{ fontSize: 11 }}
              allowDataOverflow
              scale="time"
            />
            <YAxis type="number" dataKey="y" domain={[0, 3]} hide />
            {data.intervals.map((iv, i) => (
              <ReferenceArea key={`h${i}`} x1={iv.start} x2={iv.end} y1={0} y2={3} ifOverflow="hidden" shape={areaShape('business-interval', HOURS)} />
            ))}
            {data.segments.map((s, i) => (
              <ReferenceArea
                key={`s${i}`}
                x1={s.start}
                x2={s.end}
                y1={0.35}
                y2={1.15}
                ifOverflow="hidden"
                shape={areaShape('status-segment', s.active ? GREEN : RED, { 'data-active': s.active ? 'true' : 'false' })}
              />
            ))}
            <Tooltip
              cursor={false}
              content={({ active, payload }) => {
                const p = active ? (payload?.[0]?.payload as { t: number; active: boolean; inHours: boolean } | undefined) : undefined;
                if (!p) return null;
                return (
                  <div className="card small" style={{ padding: '0.4rem 0.6rem', margin: 0 }}>
                    {formatInZone(p.t, data.zone)} ({data.zone})<br />
                    {p.active ? 'active' : 'inactive'} · {p.inHours ? 'inside business hours' : 'outside business hours (not used)'}
                  </div>
                );
              }}
            />
            <Scatter
              data={data.polls.map((p) => ({ ...p, y: p.active ? POLL_Y.active : POLL_Y.inactive }))}
              dataKey="y"
              isAnimationActive={false}
              shape={(props: unknown) => <PollMark {...(props as PointProps)} />}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className="legend" aria-hidden="true">
        <span><span className="swatch" style={{ background: HOURS }} />business hours</span>
        <span><span className="swatch" style={{ background: GREEN }} />up (interpolated)</span>
        <span><span className="swatch" style={{ background: RED }} />down (interpolated)</span>
        <span>● poll inside hours (upper row active, lower inactive)</span>
        <span>○ poll outside hours (not used)</span>
      </div>
      <figcaption className="small subtle">Time axis in the store’s local time ({data.zone}); ticks at local midnight.</figcaption>
    </figure>
  );
}
