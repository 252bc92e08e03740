// The `sample` runner with a tiny 16x16 DFM model (seconds): N scene outputs with every file,
// per-step previews, different samples, cancel between steps and resume that skips finished ones.
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../engine/testing/backends';
import type { Tf } from '../../../engine/tf';
import { decodeVolume } from '../../../shared/volume-file';
import { SceneManifestSchema } from '../../../shared';
import { recordingContext, writeTinyModel, writeToyCapture } from '../../generative/testing/fixtures';
import { checkGlb } from './output-checks';
import { run } from './sample';
import type { SampleParams } from './sample-params';
import type { RunnerResult } from './types';

const dir = mkdtempSync(join(tmpdir(), 'px-sample-runner-'));
let tf: Tf;
let params: SampleParams;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
  await writeTinyModel(tf, join(dir, 'tiny.plxm'));
  const photo = await writeToyCapture(join(dir, 'photo'), 5, 1);
  params = { photo, modelFile: join(dir, 'tiny.plxm'), modelId: 'model-x', captureId: 'cap-1', samples: 2, steps: 3, seed: 7, grid: 8, sceneName: 'Toy' };
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const succeeded = (r: RunnerResult) => { if (r.status !== 'succeeded') throw new Error(`runner ${r.status}`); return r; };

describe('sample runner', () => {
  it('makes N scenes with preview, volume, mesh and variance; progress per DDIM step with a tiled preview', async () => {
    const jobDir = join(dir, 'job-one');
    const rec = await recordingContext(tf, params, jobDir);
    const r = succeeded(await run(rec.ctx));
    expect(r.outputs).toHaveLength(2);
    const previews: Buffer[] = [];
    for (const [k, out] of r.outputs.entries()) {
      const folder = join(rec.ctx.stagingDir, out.dir);
      const m = SceneManifestSchema.parse({ ...out.fields, schemaVersion: 1, id: `s-${k}`, name: out.name, kind: 'scene', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
      expect(m.origin).toBe('sample');
      expect(m.thumbnail).toBe('preview.png');
      expect(m.settings).toMatchObject({ groupId: 'job-one', sampleIndex: k, samples: 2, seed: 7 + 1000 * k, steps: 3, path: 'orbit', modelId: 'model-x', captureId: 'cap-1', temperature: 1 });
      for (const f of Object.values(m.files)) expect(existsSync(join(folder, f!))).toBe(true);
      const vol = decodeVolume(new Uint8Array(await readFile(join(folder, m.files.volume!))), 'volume.bin');
      expect(vol.resolution).toEqual([8, 8, 8]);
      if (m.files.mesh) await checkGlb(new Uint8Array(await readFile(join(folder, m.files.mesh))), 'mesh.glb');
      const png = await sharp(join(folder, m.files.preview!)).raw().toBuffer({ resolveWithObject: true });
      expect([png.info.width, png.info.height]).toEqual([16, 16]);
      previews.push(png.data);
      expect(await readFile(join(folder, 'variance.png'))).toEqual(await readFile(join(rec.ctx.stagingDir, r.outputs[0].dir, 'variance.png')));
    }
    // Different seeds, different scenes; so the variance is not zero.
    expect(previews[0].equals(previews[1])).toBe(false);
    expect(r.summary?.varianceMax).toBeGreaterThan(0);
    // One progress event per DDIM step (2 samples x 3 steps) plus start/end, monotone, with messages.
    const steps = rec.progress.filter((p) => /^sample \d+\/\d+, step/.test(p.message ?? ''));
    expect(steps.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps.every((p) => p.total === 6)).toBe(true);
    expect(steps[4].message).toBe('sample 2/2, step 2/3');
    expect(rec.progress.filter((p) => p.message?.endsWith('baking volume and mesh')).map((p) => p.step)).toEqual([3, 6]);
    // Previews: a strip of 2 tiles; while sample 1 runs, tile 2 is still grey.
    expect(rec.previews.length).toBeGreaterThanOrEqual(6);
    expect([rec.previews[0].width, rec.previews[0].height]).toEqual([32, 16]);
    expect(Array.from(rec.previews[0].data.subarray(3 * 16, 3 * 16 + 3))).toEqual([0.5, 0.5, 0.5]);
    expect(rec.checkpoints.map((c) => c.step)).toEqual([3, 6]);
    // Staged sample files moved out of the job folder.
    expect(existsSync(join(jobDir, 'samples'))).toBe(false);
  });

  it('cancel stops between steps; resume skips finished samples and gives the same scenes', async () => {
    const jobDir = join(dir, 'job-two');
    let stopNow = false;
    const first = await recordingContext(tf, { ...params, groupId: 'group-1' }, jobDir, { shouldStop: () => stopNow });
    const origProgress = first.ctx.progress;
    first.ctx.progress = (p, preview) => { origProgress(p, preview); if (p.step === 4) stopNow = true; };
    expect((await run(first.ctx)).status).toBe('stopped');
    // Stopped inside sample 2 right after its first step: one checkpoint (sample 1 finished).
    expect(first.progress.filter((p) => /^sample \d+\/\d+, step/.test(p.message ?? '')).at(-1)?.step).toBe(4);
    expect(first.checkpoints.map((c) => c.step)).toEqual([3]);
    await rm(join(jobDir, 'staging'), { recursive: true, force: true }); // what the job manager does on resume
    const second = await recordingContext(tf, { ...params, groupId: 'group-1' }, jobDir, { resumeFrom: first.checkpoints[0] });
    const r = succeeded(await run(second.ctx));
    const steps = second.progress.filter((p) => /^sample \d+\/\d+, step/.test(p.message ?? '')).map((p) => p.step);
    expect(steps).toEqual([4, 5, 6]);
    expect(r.outputs.map((o) => o.fields.settings)).toMatchObject([{ groupId: 'group-1', sampleIndex: 0 }, { groupId: 'group-1', sampleIndex: 1 }]);
    // Same seeds -> the same scenes as the uninterrupted run of the first test.
    const ref = join(dir, 'job-one', 'staging');
    for (const k of [0, 1]) {
      for (const f of ['preview.png', 'volume.bin', 'variance.png']) {
        expect((await readFile(join(second.ctx.stagingDir, `scene-${k}`, f))).equals(await readFile(join(ref, `scene-${k}`, f))), `${f} of sample ${k}`).toBe(true);
      }
    }
  });

  it('forward path: sampled views in turn, message names the view', async () => {
    const rec = await recordingContext(tf, { ...params, samples: 1, steps: 1, path: 'forward', forwardViews: 2 }, join(dir, 'job-three'));
    const r = succeeded(await run(rec.ctx));
    expect(r.outputs[0].fields.settings).toMatchObject({ path: 'forward', sampledViews: 2 });
    expect(rec.progress.filter((p) => /^sample \d+\/\d+, step/.test(p.message ?? '')).map((p) => p.message)).toEqual([
      'sample 1/1, step 1/2 (view 1/2)', 'sample 1/1, step 2/2 (view 2/2)',
    ]);
  });
});
