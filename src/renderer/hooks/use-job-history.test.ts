import { describe, expect, it } from 'vitest';
import { JobRecordSchema } from '../../shared';
import {
  INITIAL_JOB_HISTORY, historyCurves, historySeries, historyTerms, jobHistoryReducer, type HistoryPoint, type JobHistoryState,
} from './use-job-history';

const progress = (jobId: string, step: number, losses: Record<string, number>) =>
  ({ type: 'progress' as const, jobId, progress: { step, losses } });

describe('jobHistoryReducer', () => {
  it('appends one point per step and merges repeats of a step', () => {
    let s = jobHistoryReducer(INITIAL_JOB_HISTORY, progress('job-a', 1, { total: 1, target: 0.5 }));
    s = jobHistoryReducer(s, progress('job-a', 2, { total: 0.8, target: 0.4 }));
    s = jobHistoryReducer(s, progress('job-a', 2, { total: 0.7, stage: 3 }));
    expect(s.byJob['job-a']).toEqual([
      { step: 1, losses: { total: 1, target: 0.5 } },
      { step: 2, losses: { total: 0.7, target: 0.4, stage: 3 } },
    ]);
    expect(historyTerms(s.byJob['job-a'])).toEqual(['total', 'target', 'stage']);
  });
  it('ignores progress without finite figures', () => {
    const s = jobHistoryReducer(INITIAL_JOB_HISTORY, progress('job-a', 1, { loss: Number.NaN }));
    expect(s).toBe(INITIAL_JOB_HISTORY);
  });
  it('drops figures past the checkpoint when a resumed job goes back', () => {
    let s: JobHistoryState = INITIAL_JOB_HISTORY;
    for (const step of [1, 2, 3, 4]) s = jobHistoryReducer(s, progress('job-a', step, { loss: 1 / step }));
    s = jobHistoryReducer(s, progress('job-a', 3, { loss: 0.3 }));
    expect(s.byJob['job-a'].map((p) => p.step)).toEqual([1, 2, 3]);
    expect(s.byJob['job-a'][2].losses.loss).toBe(0.3);
  });
  it('stays bounded per job and keeps the first and last points', () => {
    const options = { maxPoints: 10, maxJobs: 5 };
    let s: JobHistoryState = INITIAL_JOB_HISTORY;
    for (let step = 0; step < 1000; step++) s = jobHistoryReducer(s, progress('job-a', step, { loss: step }), options);
    const points = s.byJob['job-a'];
    expect(points.length).toBeLessThanOrEqual(10);
    expect(points[0].step).toBe(0);
    expect(points[points.length - 1].step).toBe(999);
    expect(points.every((p, i) => i === 0 || p.step > points[i - 1].step)).toBe(true);
  });
  it('forgets the least recently updated job beyond maxJobs', () => {
    const options = { maxPoints: 10, maxJobs: 2 };
    let s = jobHistoryReducer(INITIAL_JOB_HISTORY, progress('job-a', 1, { loss: 1 }), options);
    s = jobHistoryReducer(s, progress('job-b', 1, { loss: 1 }), options);
    s = jobHistoryReducer(s, progress('job-a', 2, { loss: 1 }), options);
    s = jobHistoryReducer(s, progress('job-c', 1, { loss: 1 }), options);
    expect(Object.keys(s.byJob).sort()).toEqual(['job-a', 'job-c']);
    expect(s.order).toEqual(['job-a', 'job-c']);
  });
  it('seeds jobs it has no history for from their current progress', () => {
    const job = JobRecordSchema.parse({
      schemaVersion: 1, id: 'job-t', state: 'running', createdAt: '2025-01-01T10:00:00.000Z', updatedAt: '2025-01-01T10:00:00.000Z',
      spec: { kind: 'train', captureIds: ['cap'] }, progress: { step: 40, total: 200, losses: { total: 0.2 } },
    });
    let s = jobHistoryReducer(INITIAL_JOB_HISTORY, { type: 'seed', jobs: [job] });
    expect(s.byJob['job-t']).toEqual([{ step: 40, losses: { total: 0.2 } }]);
    s = jobHistoryReducer(s, progress('job-t', 41, { total: 0.19 }));
    const again = jobHistoryReducer(s, { type: 'seed', jobs: [job] });
    expect(again).toBe(s);
    expect(historySeries(s.byJob['job-t'], 'total')).toEqual([[40, 0.2], [41, 0.19]]);
    expect(historySeries(s.byJob['job-t'], 'novel')[0][1]).toBeNaN();
  });
});

describe('historyCurves', () => {
  it('separates losses from PSNR/SSIM and leaves out bookkeeping figures', () => {
    const points: HistoryPoint[] = [
      { step: 1, losses: { loss: 0.5, psnr: 12, stage: 1, seconds: 3 } },
      { step: 2, losses: { loss: 0.4, psnr: 14, ssim: 0.4, stage: 1, seconds: 5 } },
    ];
    const { losses, quality } = historyCurves(points);
    expect(losses).toEqual([{ key: 'loss', points: [[1, 0.5], [2, 0.4]] }]);
    expect(quality.map((c) => c.key)).toEqual(['psnr', 'ssim']);
    expect(quality[1].points[0][1]).toBeNaN();
  });

  it("a splat fit's Gaussian count and SH degree are not loss curves", () => {
    const points: HistoryPoint[] = [
      { step: 25, losses: { loss: 0.3, l1: 0.2, psnr: 9, gaussians: 6287, shDegree: 0 } },
      { step: 50, losses: { loss: 0.2, l1: 0.15, psnr: 11, gaussians: 6400, shDegree: 1 } },
    ];
    const { losses, quality } = historyCurves(points);
    expect(losses.map((c) => c.key)).toEqual(['loss', 'l1']);
    expect(quality.map((c) => c.key)).toEqual(['psnr']);
  });
});
