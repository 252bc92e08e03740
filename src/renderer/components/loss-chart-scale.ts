// Pure maths for the loss chart (no React, no DOM): the data domain of a set of series, linear
// and log10 scales, "nice" axis ticks and the SVG path of one series. Unit-tested in
// loss-chart-scale.test.ts.

/** One point of a curve: [step, value]. */
export type ChartPoint = readonly [number, number];

export interface ChartSeries {
  key: string;
  points: readonly ChartPoint[];
}

export interface ChartDomain {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface ChartTick {
  value: number;
  label: string;
}

/** True when a value can be drawn: finite, and positive on a log axis. */
export function drawable(value: number, log: boolean): boolean {
  return Number.isFinite(value) && (!log || value > 0);
}

/**
 * The x (step) and y (value) range over every drawable point, padded so a flat or single-point
 * series still gets a visible band. null when nothing can be drawn.
 */
export function chartDomain(series: readonly ChartSeries[], log: boolean, tickCount = 4): ChartDomain | null {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of series) {
    for (const [x, y] of s.points) {
      if (!Number.isFinite(x) || !drawable(y, log)) continue;
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
  }
  if (xMin > xMax) return null;
  if (xMin === xMax) {
    xMin -= 1;
    xMax += 1;
  }
  if (log) {
    // Whole decades (at least one), so the ticks land on powers of ten.
    let lo = Math.floor(Math.log10(yMin));
    let hi = Math.ceil(Math.log10(yMax));
    if (lo === hi) {
      // Every value is the same power of ten: one decade either side.
      lo -= 1;
      hi += 1;
    }
    return { xMin, xMax, yMin: 10 ** lo, yMax: 10 ** hi };
  }
  if (yMin === yMax) {
    const pad = Math.abs(yMin) * 0.1 || 1;
    return { xMin, xMax, yMin: yMin - pad, yMax: yMax + pad };
  }
  const ticks = niceTicks(yMin, yMax, tickCount);
  return { xMin, xMax, yMin: Math.min(yMin, ticks[0].value), yMax: Math.max(yMax, ticks[ticks.length - 1].value) };
}

/** Maps a value in [d0, d1] to [r0, r1] (log10 when `log`). Degenerate domains map to r0. */
export function scaleValue(value: number, d0: number, d1: number, r0: number, r1: number, log = false): number {
  const t = log ? Math.log10(value) : value;
  const a = log ? Math.log10(d0) : d0;
  const b = log ? Math.log10(d1) : d1;
  if (b === a) return r0;
  return r0 + ((t - a) / (b - a)) * (r1 - r0);
}

/** Step of 1, 2 or 5 × 10^k closest to span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
  return nice * power;
}

/** About `count` round ticks covering [min, max] (the first ≤ min, the last ≥ max). */
export function niceTicks(min: number, max: number, count: number): ChartTick[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [{ value: min, label: formatTick(min, 1) }];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const step = niceStep(hi - lo, count);
  const first = Math.floor(lo / step + 1e-9) * step;
  const ticks: ChartTick[] = [];
  for (let i = 0; first + i * step <= hi + step * 0.999 && i < 50; i++) {
    const value = cleanFloat(first + i * step);
    ticks.push({ value, label: formatTick(value, step) });
    if (value >= hi) break;
  }
  return ticks;
}

/** Integer ticks for the step axis (never fractional steps). */
export function stepTicks(min: number, max: number, count: number): ChartTick[] {
  const step = Math.max(1, Math.round(niceStep(max - min, count)));
  const ticks: ChartTick[] = [];
  const first = Math.ceil(min / step) * step;
  for (let v = first; v <= max && ticks.length < 50; v += step) ticks.push({ value: v, label: String(v) });
  return ticks;
}

/** Y-axis tick count that keeps labels apart: one per 16 px of plot height, 2 to `max`. */
export function yTickCount(plotHeight: number, max: number): number {
  return Math.max(2, Math.min(max, Math.floor(plotHeight / 16)));
}

/**
 * Powers of ten in [min, max] (min and max are powers of ten from chartDomain), every k-th
 * decade when there are more than `maxTicks`.
 */
export function logTicks(min: number, max: number, maxTicks = 6): ChartTick[] {
  if (!(min > 0) || !(max > 0)) return [];
  const lo = Math.floor(Math.log10(min) + 1e-9);
  const hi = Math.ceil(Math.log10(max) - 1e-9);
  const every = Math.max(1, Math.ceil((hi - lo) / Math.max(1, maxTicks - 1)));
  const ticks: ChartTick[] = [];
  for (let k = lo; k <= hi; k += every) ticks.push({ value: 10 ** k, label: formatPower(k) });
  return ticks;
}

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * SVG path data for one series inside `box`: "M x y L x y …". Points that cannot be drawn
 * (NaN, or ≤ 0 on a log axis) break the line; a new segment starts after them.
 */
export function linePath(points: readonly ChartPoint[], domain: ChartDomain, box: PlotBox, log: boolean): string {
  const parts: string[] = [];
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !drawable(y, log)) {
      pen = false;
      continue;
    }
    const px = scaleValue(x, domain.xMin, domain.xMax, box.left, box.left + box.width);
    const py = scaleValue(y, domain.yMin, domain.yMax, box.top + box.height, box.top, log);
    parts.push(`${pen ? 'L' : 'M'}${round2(px)} ${round2(py)}`);
    pen = true;
  }
  return parts.join(' ');
}

/** The last drawable point of a series (for end markers and the legend's current value). */
export function lastPoint(points: readonly ChartPoint[], log: boolean): ChartPoint | null {
  for (let i = points.length - 1; i >= 0; i--) if (drawable(points[i][1], log) && Number.isFinite(points[i][0])) return points[i];
  return null;
}

/** Whether a log axis suits the data: every value positive and spanning more than ~1.5 decades. */
export function suggestsLog(series: readonly ChartSeries[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const [, y] of s.points) {
      if (!Number.isFinite(y)) continue;
      if (y <= 0) return false;
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
  }
  return min < max && Math.log10(max / min) > 1.5;
}

function formatTick(value: number, step: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(0);
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return value.toFixed(decimals);
}

function formatPower(k: number): string {
  if (k >= 0 && k <= 3) return String(10 ** k);
  if (k < 0 && k >= -3) return (10 ** k).toFixed(-k);
  return `1e${k}`;
}

function cleanFloat(v: number): number {
  return Number(v.toPrecision(12));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
