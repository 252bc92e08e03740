import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import type { NovelViewEval, SceneEvalInput } from '../eval';
import { atScoredPoses, evalInputsFor, type DfmSceneEval } from './evaluate';

const img: RgbImage = { width: 1, height: 1, data: new Float32Array(3) };
const view = (pose: number): NovelViewEval => ({ pose, groundTruth: img, samples: [img], seen: new Uint8Array(1), unseen: new Uint8Array(1) });

describe('evalInputsFor', () => {
  const dfm: DfmSceneEval = { contexts: [{ groundTruth: img, renders: [img] }], generated: [view(3)], rendered: [view(1), view(2), view(3)] };
  const baseline: SceneEvalInput = { contexts: [{ groundTruth: img, renders: [img] }], novel: [view(1), view(2), view(3)] };

  it('generated: DFM is scored on its generated views and the baseline at the same poses', () => {
    const r = evalInputsFor(dfm, baseline, 'generated');
    expect(r.dfm.novel.map((v) => v.pose)).toEqual([3]);
    expect(r.baseline.novel.map((v) => v.pose)).toEqual([3]);
    expect(r.dfm.contexts).toBe(dfm.contexts);
  });

  it('rendered: both are scored at every other pose', () => {
    const r = evalInputsFor(dfm, baseline, 'rendered');
    expect(r.dfm.novel.map((v) => v.pose)).toEqual([1, 2, 3]);
    expect(r.baseline).toBe(baseline);
  });
});

describe('atScoredPoses', () => {
  const dfm: DfmSceneEval = { contexts: [{ groundTruth: img, renders: [img] }], generated: [view(2), view(3)], rendered: [view(1), view(2), view(3)] };
  const other: SceneEvalInput = { contexts: [{ groundTruth: img, renders: [img] }], novel: [view(1), view(2), view(3)] };

  it('generated: keeps only the poses DFM generated, with the method\'s own contexts', () => {
    const r = atScoredPoses(other, dfm, 'generated');
    expect(r.novel.map((v) => v.pose)).toEqual([2, 3]);
    expect(r.novel[0]).toBe(other.novel[1]);
    expect(r.contexts).toBe(other.contexts);
  });

  it('rendered: the input is scored at every pose, unchanged', () => {
    expect(atScoredPoses(other, dfm, 'rendered')).toBe(other);
  });
});
