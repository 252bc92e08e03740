import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import type { NovelViewEval, SceneEvalInput } from '../eval';
import { evalInputsFor, type DfmSceneEval } from './evaluate';

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
