import { beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError } from '../model-file';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import {
  createDfmModel, createDfmTrainer, disposeDfmModel, disposeTrainer, drawExample, encodeDfmModelFile, loadDfmModelFile,
  readCheckpoint, restoreTrainer, runTrainLoop, serializeTrainer, TRAIN_LOOP_DEFAULTS, type TrainProgress, type TrainScene,
} from '.';
import { TINY_CONFIG, sphereView } from './dfm-fixtures';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

const SCENES: TrainScene[] = [{ name: 'sphere', views: [0, 1.2, 2.4, 3.6, 4.8].map((a) => sphereView(a)) }];
const PROV = { dataset: 'test spheres', seed: 1, steps: 0, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0' };
const CFG = { ...TINY_CONFIG, train: { ...TINY_CONFIG.train!, warmupSteps: 1 } };

describe('training loop', () => {
  it('examples: view 0 preferred, distinct target/novel, up to maxContextViews context views', () => {
    const model = createDfmModel(tf, CFG, 1);
    const tr = createDfmTrainer(model, 2);
    const sizes = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const ex = drawExample(tr, SCENES, { ...TRAIN_LOOP_DEFAULTS, maxContextViews: 3, extraContextProbability: 0.5 });
      const all = [...ex.context, ex.target, ex.novel];
      expect(new Set(all).size).toBe(all.length);
      sizes.add(ex.context.length);
    }
    expect([...sizes].sort()).toEqual([1, 2, 3]);
    disposeTrainer(tr); disposeDfmModel(model);
  });

  it('resumes exactly from a checkpoint (weights, Adam, EMA, step, RNG); progress has every loss; stop works', async () => {
    const opts = { steps: 4, maxContextViews: 2, progressEverySteps: 1, checkpointEverySteps: 2 };
    const a = createDfmTrainer(createDfmModel(tf, CFG, 7), 3);
    const progress: TrainProgress[] = [];
    await runTrainLoop(a, SCENES, { ...opts, previewEverySteps: 4, previewSamplerSteps: 2 }, { onProgress: (p) => { progress.push(p); } });
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(progress[0].mode).toBe('deterministic');
    expect(Object.keys(progress[3].losses).sort()).toEqual(['cond', 'depth', 'novel', 'target', 'total']);
    expect(progress[3].preview?.width).toBe(16);
    expect(progress[3].etaSeconds).toBe(0);

    const b = createDfmTrainer(createDfmModel(tf, CFG, 7), 3);
    const ckpts: [number, Uint8Array][] = [];
    let calls = 0;
    const r = await runTrainLoop(b, SCENES, opts, { onCheckpoint: (s, step) => { ckpts.push([step, s]); }, shouldStop: () => ++calls > 3 });
    expect(r.stopped).toBe(true);
    expect(r.step).toBe(3);
    expect(ckpts.map(([s]) => s)).toEqual([2, 3]);
    // Resume a fresh trainer (different init seed: everything must come from the checkpoint).
    const c = createDfmTrainer(createDfmModel(tf, CFG, 99), 42);
    await runTrainLoop(c, SCENES, opts, { resumeFrom: ckpts[0][1] });
    expect(c.step).toBe(4);
    expect(c.rng.state).toBe(a.rng.state);
    const wa = a.model.store.snapshot(); const wc = c.model.store.snapshot();
    for (const [n, v] of wa) expect(Array.from(wc.get(n)!)).toEqual(Array.from(v));
    const ea = a.ema.snapshot(); const ec = c.ema.snapshot();
    for (const [n, v] of ea) expect(Array.from(ec.get(n)!)).toEqual(Array.from(v));
    expect(c.optimizer.updates).toBe(a.optimizer.updates);
    for (const t of [a, b, c]) { disposeTrainer(t); disposeDfmModel(t.model); }
  });

  it('rejects corrupt, truncated and mismatched checkpoints naming the problem', () => {
    const tr = createDfmTrainer(createDfmModel(tf, CFG, 1), 1);
    const bytes = serializeTrainer(tr, { note: 'x' });
    expect(readCheckpoint(bytes).header.meta).toEqual({ note: 'x' });
    const bad = bytes.slice(); bad[bad.length - 5] ^= 0xff;
    expect(() => readCheckpoint(bad, 'a.ckpt')).toThrow(/a\.ckpt: checksum/);
    expect(() => readCheckpoint(bytes.slice(0, 40), 'b.ckpt')).toThrow(/b\.ckpt/);
    expect(() => readCheckpoint(new Uint8Array(32), 'c.ckpt')).toThrow(/magic/);
    const other = createDfmTrainer(createDfmModel(tf, { ...CFG, detFeatures: 2 }, 1), 1);
    expect(() => restoreTrainer(other, bytes, 'd.ckpt')).toThrow(/d\.ckpt: config/);
    for (const t of [tr, other]) { disposeTrainer(t); disposeDfmModel(t.model); }
  });
});

describe('model files', () => {
  it('dfm and pixelnerf files round-trip; wrong method and corruption are clear errors', () => {
    const model = createDfmModel(tf, CFG, 4);
    const dfm = encodeDfmModelFile(model, 'dfm', PROV);
    const base = encodeDfmModelFile(model, 'pixelnerf', PROV);
    expect(base.length).toBeLessThan(dfm.length);
    const a = loadDfmModelFile(tf, dfm, { method: 'dfm', source: 'a.plxm' });
    const w = model.store.snapshot();
    for (const [n, v] of a.model.store.snapshot()) expect(Array.from(v)).toEqual(Array.from(w.get(n)!));
    expect(a.model.config).toEqual(model.config);
    const b = loadDfmModelFile(tf, base, { method: 'pixelnerf' });
    expect(Array.from(b.model.store.v('det.head.out.w').dataSync())).toEqual(Array.from(w.get('det.head.out.w')!));
    expect(() => loadDfmModelFile(tf, base, { method: 'dfm', source: 'b.plxm' })).toThrow(ModelFileError);
    const bad = dfm.slice(); bad[200] ^= 1;
    expect(() => loadDfmModelFile(tf, bad, { source: 'c.plxm' })).toThrow(/c\.plxm/);
    expect(() => loadDfmModelFile(tf, dfm.slice(0, 100), { source: 'd.plxm' })).toThrow(/d\.plxm/);
    [a.model, b.model, model].forEach(disposeDfmModel);
  });
});
