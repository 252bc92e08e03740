// A small SVG line chart for live training curves: one line per term over steps, optional log10
// y axis, and a legend whose entries show each term's latest value and toggle its line. No chart
// library: the maths is in loss-chart-scale.ts. The width follows the container
// (ResizeObserver), so lines and labels are drawn in real pixels, never stretched.
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatMetric, metricLabel } from '../lib';
import '../styles/flows.css';
import {
  chartDomain, lastPoint, linePath, logTicks, niceTicks, scaleValue, stepTicks, suggestsLog, yTickCount,
  type ChartPoint, type ChartSeries,
} from './loss-chart-scale';

export interface LossChartProps {
  /** Accessible name, e.g. "Training losses". */
  title: string;
  series: readonly ChartSeries[];
  height?: number;
  /** Start on a log axis; by default it is chosen from the data (values spanning decades). */
  log?: boolean;
  emptyText?: string;
  testId?: string;
}

const PALETTE = ['#7aa7ff', '#f0a55a', '#4ccf8a', '#e57ac4', '#f3d34a', '#58d4e8', '#ff7b7b', '#a98bff'];
const MARGIN = { left: 46, right: 12, top: 10, bottom: 22 };
const Y_TICKS = 4;

/** A term's colour: stable by position in the series list. */
export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length];
}

export function LossChart({ title, series, height = 180, log, emptyText = 'The curves appear after the first steps.', testId = 'loss-chart' }: LossChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [logChoice, setLogChoice] = useState<boolean | null>(log ?? null);
  const isLog = logChoice ?? suggestsLog(series);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const visible = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden]);
  const plot = { left: MARGIN.left, top: MARGIN.top, width: Math.max(10, width - MARGIN.left - MARGIN.right), height: height - MARGIN.top - MARGIN.bottom };
  const tickCount = yTickCount(plot.height, Y_TICKS);
  const domain = useMemo(() => chartDomain(visible, isLog, tickCount), [visible, isLog, tickCount]);
  const yTicks = (domain ? (isLog ? logTicks(domain.yMin, domain.yMax, tickCount + 1) : niceTicks(domain.yMin, domain.yMax, tickCount)) : [])
    .filter((t) => domain && t.value >= domain.yMin - 1e-12 && t.value <= domain.yMax + 1e-12);
  const xTicks = domain ? stepTicks(Math.ceil(domain.xMin), Math.floor(domain.xMax), Math.max(2, Math.floor(plot.width / 90))) : [];
  const yOf = (v: number) => (domain ? scaleValue(v, domain.yMin, domain.yMax, plot.top + plot.height, plot.top, isLog) : 0);
  const xOf = (v: number) => (domain ? scaleValue(v, domain.xMin, domain.xMax, plot.left, plot.left + plot.width) : 0);

  const toggle = (key: string) => setHidden((prev) => {
    const next = new Set(prev);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });

  return (
    <figure className="loss-chart" data-testid={testId} data-log={isLog ? 'true' : 'false'}>
      <div className="loss-chart-plot" ref={box} style={{ height }}>
        {width > 0 && (
          <svg width={width} height={height} role="img" aria-label={summary(title, series)}>
            {yTicks.map((t) => (
              <g key={`y${t.value}`} className="chart-grid">
                <line x1={plot.left} x2={plot.left + plot.width} y1={yOf(t.value)} y2={yOf(t.value)} />
                <text x={plot.left - 6} y={yOf(t.value)} textAnchor="end" dominantBaseline="middle">{t.label}</text>
              </g>
            ))}
            {xTicks.map((t) => (
              <g key={`x${t.value}`} className="chart-grid x">
                <text x={xOf(t.value)} y={height - 6} textAnchor="middle">{t.label}</text>
              </g>
            ))}
            <line className="chart-axis" x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.top + plot.height} />
            <line className="chart-axis" x1={plot.left} x2={plot.left + plot.width} y1={plot.top + plot.height} y2={plot.top + plot.height} />
            {domain && series.map((s, i) => {
              if (hidden.has(s.key)) return null;
              const end = lastPoint(s.points, isLog);
              return (
                <g key={s.key} style={{ color: seriesColour(i) }}>
                  <path
                    className="chart-line"
                    d={linePath(s.points, domain, plot, isLog)}
                    data-testid="loss-line"
                    data-key={s.key}
                    data-points={s.points.length}
                  />
                  {end && <circle className="chart-end" cx={xOf(end[0])} cy={yOf(end[1])} r={3} />}
                </g>
              );
            })}
          </svg>
        )}
        {!domain && <p className="loss-chart-empty">{emptyText}</p>}
      </div>
      <figcaption className="loss-chart-legend">
        <ul aria-label={`${title}: terms`}>
          {series.map((s, i) => {
            const end = lastPoint(s.points, false);
            const off = hidden.has(s.key);
            return (
              <li key={s.key}>
                <button
                  type="button"
                  className="legend-item"
                  aria-pressed={!off}
                  title={off ? `Show ${metricLabel(s.key)}` : `Hide ${metricLabel(s.key)}`}
                  onClick={() => toggle(s.key)}
                  data-testid="loss-legend-item"
                  data-key={s.key}
                >
                  <span className="legend-swatch" style={{ background: seriesColour(i) }} aria-hidden="true" />
                  <span className="legend-label">{metricLabel(s.key)}</span>
                  <span className="legend-value">{end ? formatMetric(s.key, end[1]) : '—'}</span>
                </button>
              </li>
            );
          })}
          <li className="legend-log">
            <label className="toggle">
              <input type="checkbox" checked={isLog} onChange={(e) => setLogChoice(e.target.checked)} data-testid="loss-log" />
              Log scale
            </label>
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

/** Screen-reader summary: the title and each term's latest value. */
function summary(title: string, series: readonly ChartSeries[]): string {
  const parts = series.map((s) => {
    const end: ChartPoint | null = lastPoint(s.points, false);
    return end ? `${metricLabel(s.key)} ${formatMetric(s.key, end[1])} at step ${end[0]}` : `${metricLabel(s.key)} —`;
  });
  return parts.length ? `${title}: ${parts.join('; ')}` : title;
}
