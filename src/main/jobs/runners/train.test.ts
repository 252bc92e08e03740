// The `train` runner with a tiny 16x16 DFM model: a loadable model item with provenance, progress
// with every loss term and previews, and cancel -> resume that matches an uninterrupted run exactly.
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeDfmModel, loadDfmModelFile } from '../../../engine/dfm';
import { decodeModelFile } from '../../../engine/model-file';
import { useBackend } from '../../../engine/testing/backends';
import type { Tf } from '../../../engine/tf';
import { ModelManifestSchema } from '../../../shared';
import { recordingContext, writeTinyModel, writeToyCapture } from '../../generative/testing/fixtures';
import { run } from './train';
import type { TrainParams } from './train-params';
import type { RunnerResult } from './types';

const dir = mkdtempSync(join(tmpdir(), 'px-train-runner-'));
let tf: Tf;
let params: TrainParams;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
  await writeTinyModel(tf, join(dir, 'base.plxm'));
  params = {
    captureDirs: [await writeToyCapture(join(dir, 'cap3'), 3, 4), await writeToyCapture(join(dir, 'cap4'), 4, 4)],
    captureIds: ['cap-3', 'cap-4'], captureNames: ['Toy 3', 'Toy 4'], baseModelFile: join(dir, 'base.plxm'),
    steps: 4, checkpointEvery: 2, previewEvery: 2, previewSamplerSteps: 2, modelName: 'Tuned',
  };
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const succeeded = (r: RunnerResult) => { if (r.status !== 'succeeded') throw new Error(`runner ${r.status}`); return r; };
const tensorsOf = async (file: string) => decodeModelFile(new Uint8Array(await readFile(file))).tensors;

describe('train runner', () => {
  let reference = '';
  it('fine-tunes into a loadable model item; progress has every loss, an ETA and periodic previews', async () => {
    const rec = await recordingContext(tf, params, join(dir, 'job-a'));
    const r = succeeded(await run(rec.ctx));
    const out = r.outputs[0];
    expect(out).toMatchObject({ kind: 'model', name: 'Tuned', dir: 'model' });
    const m = ModelManifestSchema.parse({ ...out.fields, schemaVersion: 1, id: 'm-1', name: out.name, kind: 'model', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
    expect(m).toMatchObject({ file: 'model.plxm', method: 'dfm', thumbnail: 'preview.png' });
    expect(m.provenance).toMatchObject({ baseModelId: 'default', captureIds: ['cap-3', 'cap-4'], steps: 4, backend: 'wasm', source: 'fine-tune' });
    reference = join(rec.ctx.stagingDir, 'model', 'model.plxm');
    const bytes = new Uint8Array(await readFile(reference));
    const loaded = loadDfmModelFile(tf, bytes, { method: 'dfm' });
    expect(loaded.checksum).toBe(m.provenance.checksum);
    expect(loaded.provenance.baseModel).toBe(decodeModelFile(new Uint8Array(await readFile(params.baseModelFile))).checksum);
    disposeDfmModel(loaded.model);
    const steps = rec.progress.filter((p) => p.step > 0);
    expect(steps.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    for (const p of steps) expect(Object.keys(p.losses).sort()).toEqual(['cond', 'depth', 'novel', 'target', 'total']);
    expect(steps[1].etaSeconds).toBeGreaterThan(0);
    expect(rec.previews).toHaveLength(2); // steps 2 and 4
    expect(rec.checkpoints.map((c) => c.step)).toEqual([2, 4]);
  });

  it('cancel checkpoints; resume continues from the checkpoint step to the same weights', async () => {
    let calls = 0;
    const first = await recordingContext(tf, params, join(dir, 'job-b'), { shouldStop: () => ++calls > 3 });
    expect((await run(first.ctx)).status).toBe('stopped');
    const last = first.checkpoints.at(-1)!;
    expect(last.step).toBe(3);
    const second = await recordingContext(tf, params, join(dir, 'job-b'), { resumeFrom: last });
    succeeded(await run(second.ctx));
    expect(second.progress.filter((p) => p.step > 0).map((p) => p.step)).toEqual([4]);
    const a = await tensorsOf(reference);
    const b = await tensorsOf(join(second.ctx.stagingDir, 'model', 'model.plxm'));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, t] of a) expect(Array.from(b.get(name)!.data), name).toEqual(Array.from(t.data));
  });
});
