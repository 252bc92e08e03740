import { describe, expect, it } from 'vitest';
import {
  chartDomain, lastPoint, linePath, logTicks, niceStep, niceTicks, scaleValue, stepTicks, suggestsLog, yTickCount,
  type ChartSeries,
} from './loss-chart-scale';

const box = { left: 10, top: 5, width: 100, height: 50 };

describe('chartDomain', () => {
  it('spans every drawable point and rounds y to ticks', () => {
    const series: ChartSeries[] = [
      { key: 'a', points: [[0, 0.8], [10, 0.3]] },
      { key: 'b', points: [[5, 0.12], [20, Number.NaN]] },
    ];
    const d = chartDomain(series, false);
    expect(d).not.toBeNull();
    expect(d?.xMin).toBe(0);
    expect(d?.xMax).toBe(10);
    expect(d?.yMin).toBeLessThanOrEqual(0.12);
    expect(d?.yMax).toBeGreaterThanOrEqual(0.8);
    expect(d?.yMax).toBeLessThanOrEqual(1);
  });
  it('pads single points and flat series', () => {
    expect(chartDomain([{ key: 'a', points: [[3, 2]] }], false)).toEqual({ xMin: 2, xMax: 4, yMin: 1.8, yMax: 2.2 });
    expect(chartDomain([{ key: 'a', points: [[0, 0], [1, 0]] }], false)).toEqual({ xMin: 0, xMax: 1, yMin: -1, yMax: 1 });
  });
  it('uses whole decades on a log axis and skips values that are not positive', () => {
    const d = chartDomain([{ key: 'a', points: [[0, 0.034], [1, 0], [2, -1], [3, 2.5]] }], true);
    expect(d).toEqual({ xMin: 0, xMax: 3, yMin: 0.01, yMax: 10 });
    expect(chartDomain([{ key: 'a', points: [[0, 0.1], [1, 0.1]] }], true)).toEqual({ xMin: 0, xMax: 1, yMin: 0.01, yMax: 1 });
  });
  it('is null when nothing can be drawn', () => {
    expect(chartDomain([], false)).toBeNull();
    expect(chartDomain([{ key: 'a', points: [[0, Number.NaN]] }], false)).toBeNull();
    expect(chartDomain([{ key: 'a', points: [[0, 0], [1, -2]] }], true)).toBeNull();
  });
});

describe('scales and ticks', () => {
  it('maps linearly and in log10', () => {
    expect(scaleValue(5, 0, 10, 0, 100)).toBe(50);
    expect(scaleValue(5, 0, 10, 100, 0)).toBe(50);
    expect(scaleValue(10, 1, 100, 0, 100, true)).toBeCloseTo(50, 10);
    expect(scaleValue(3, 3, 3, 7, 9)).toBe(7);
  });
  it('picks 1-2-5 steps', () => {
    expect(niceStep(1, 5)).toBeCloseTo(0.2, 12);
    expect(niceStep(730, 5)).toBe(100);
    expect(niceStep(0.0037, 4)).toBeCloseTo(0.001, 12);
    expect(niceStep(0, 4)).toBe(1);
  });
  it('covers the range with round ticks', () => {
    const ticks = niceTicks(0.12, 0.8, 5);
    expect(ticks[0].value).toBeLessThanOrEqual(0.12);
    expect(ticks[ticks.length - 1].value).toBeGreaterThanOrEqual(0.8);
    expect(ticks.map((t) => t.label)).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8']);
    expect(niceTicks(2, 2, 5)).toHaveLength(1);
  });
  it('labels the step axis with integers only', () => {
    expect(stepTicks(0, 3, 5).map((t) => t.value)).toEqual([0, 1, 2, 3]);
    expect(stepTicks(0, 200, 4).map((t) => t.value)).toEqual([0, 50, 100, 150, 200]);
  });
  it('puts log ticks on powers of ten', () => {
    expect(logTicks(0.001, 10).map((t) => t.label)).toEqual(['0.001', '0.01', '0.1', '1', '10']);
    expect(logTicks(1e-12, 1).length).toBeLessThanOrEqual(7);
    expect(logTicks(0, 1)).toEqual([]);
    expect(logTicks(1e-4, 1, 3).map((t) => t.label)).toEqual(['1e-4', '0.01', '1']);
  });
  it('fits the y tick count to the plot height (small job-card charts get fewer labels)', () => {
    expect(yTickCount(150, 4)).toBe(4);
    expect(yTickCount(44, 4)).toBe(2);
    expect(yTickCount(10, 4)).toBe(2);
  });
  it('suggests a log axis for losses spanning decades', () => {
    expect(suggestsLog([{ key: 'a', points: [[0, 1], [1, 0.001]] }])).toBe(true);
    expect(suggestsLog([{ key: 'a', points: [[0, 1], [1, 0.5]] }])).toBe(false);
    expect(suggestsLog([{ key: 'a', points: [[0, 1], [1, -0.001]] }])).toBe(false);
  });
});

describe('linePath', () => {
  const domain = { xMin: 0, xMax: 10, yMin: 0, yMax: 1 };
  it('draws from bottom-left to top-right in box coordinates', () => {
    expect(linePath([[0, 0], [10, 1]], domain, box, false)).toBe('M10 55 L110 5');
  });
  it('breaks the line at values that cannot be drawn', () => {
    expect(linePath([[0, 0], [5, Number.NaN], [10, 1]], domain, box, false)).toBe('M10 55 M110 5');
    const logDomain = { xMin: 0, xMax: 10, yMin: 0.01, yMax: 1 };
    expect(linePath([[0, 0.01], [5, 0], [10, 0.1], [10, 1]], logDomain, box, true)).toBe('M10 55 M110 30 L110 5');
  });
  it('finds the last drawable point', () => {
    expect(lastPoint([[0, 1], [1, 2], [2, Number.NaN]], false)).toEqual([1, 2]);
    expect(lastPoint([[0, -1]], true)).toBeNull();
  });
});
