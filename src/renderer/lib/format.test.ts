import { describe, expect, it } from 'vitest';
import {
  formatDate, formatDuration, formatEta, formatMetric, formatRelativeTime, metricLabel,
  orderedMetrics, progressFraction,
} from './format';

describe('formatDuration / formatEta', () => {
  it('shows a dash when the ETA is unknown or invalid', () => {
    for (const v of [null, undefined, Number.NaN, Infinity, -3]) {
      expect(formatDuration(v)).toBe('—');
      expect(formatEta(v)).toBe('—');
    }
  });
  it('formats seconds, minutes, hours and days', () => {
    expect(formatDuration(0)).toBe('< 1 s');
    expect(formatDuration(0.4)).toBe('< 1 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(59.6)).toBe('1 min 00 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3600)).toBe('1 h 00 min');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(2 * 86400 + 3 * 3600)).toBe('2 d 03 h');
    expect(formatEta(185)).toBe('3 min 05 s left');
  });
});

describe('progressFraction', () => {
  it('clamps and guards', () => {
    expect(progressFraction(5, 10)).toBe(0.5);
    expect(progressFraction(12, 10)).toBe(1);
    expect(progressFraction(3, 0)).toBe(0);
    expect(progressFraction(undefined, 10)).toBe(0);
  });
});

describe('metrics', () => {
  it('labels known and snake_case keys', () => {
    expect(metricLabel('psnr')).toBe('PSNR');
    expect(metricLabel('rgb_loss')).toBe('Rgb loss');
    expect(metricLabel('distortionLoss')).toBe('Distortion loss');
  });
  it('formats PSNR, SSIM and losses', () => {
    expect(formatMetric('psnr', 23.456)).toBe('23.46 dB');
    expect(formatMetric('ssim', 0.91234)).toBe('0.912');
    expect(formatMetric('loss', 0.012345678)).toBe('0.01235');
    expect(formatMetric('loss', 0.00001234)).toBe('1.23e-5');
    expect(formatMetric('steps', 300)).toBe('300');
  });
  it('orders loss, psnr, ssim first', () => {
    const keys = orderedMetrics({ tv: 1, ssim: 0.5, loss: 0.1, psnr: 20, alpha: 2 }).map(([k]) => k);
    expect(keys).toEqual(['loss', 'psnr', 'ssim', 'alpha', 'tv']);
    expect(orderedMetrics(undefined)).toEqual([]);
  });
});

describe('dates', () => {
  const now = new Date('2025-01-10T12:00:00Z');
  it('formats relative times', () => {
    expect(formatRelativeTime('2025-01-10T11:59:40Z', now)).toBe('just now');
    expect(formatRelativeTime('2025-01-10T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelativeTime('2025-01-10T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelativeTime('2025-01-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2025-01-07T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelativeTime('2024-12-01T12:00:00Z', now)).toMatch(/^2024-12-01 \d\d:\d\d$/);
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
  });
  it('formats absolute dates', () => {
    expect(formatDate('2024-03-05T00:00:00')).toBe('2024-03-05 00:00');
  });
});
