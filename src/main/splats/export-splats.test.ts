// The export runner on splat scene folders: each splat format written, verified and described in
// the manifest; formats a splat scene does not offer, and splat formats on voxel scenes, fail by name.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSplatBinary, decodeSplatGlb, decodeSplatPly, decodeSpz } from '../../engine/splats/io';
import type { Tf } from '../../engine/tf';
import { run } from '../jobs/runners/export';
import { writeBallSceneFolder } from '../jobs/runners/export-fixtures';
import type { ExportParams } from '../jobs/runners/export-params';
import type { RunnerContext, RunnerOutput } from '../jobs/runners/types';
import { ballSplatScene, writeSplatSceneFolder } from './splat-fixtures';

let base = '';
let n = 0;
const scene = ballSplatScene(600, [0.9, 0.5, 0.1], 0.6, 3, 2);
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-splat-export-'));
  await writeSplatSceneFolder(join(base, 'splats'), { scene, name: 'Orange ball' });
  await writeBallSceneFolder(join(base, 'voxels'), { volume: false });
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

async function exportScene(params: ExportParams) {
  const stagingDir = join(base, `out-${++n}`);
  const ctx: RunnerContext = {
    tf: {} as Tf, backend: 'cpu', adapter: 'test', params, jobDir: join(base, `job-${n}`), stagingDir,
    resumeFrom: null, options: {}, progress: () => undefined, shouldStop: () => false, checkpoint: async () => undefined,
  };
  const result = await run(ctx);
  if (result.status !== 'succeeded') throw new Error(`export ${params.format}: ${result.status}`);
  const out = result.outputs[0] as RunnerOutput & { fields: { format: string; files: string[]; validation: string } };
  return { out, summary: result.summary ?? {}, dir: join(stagingDir, out.dir) };
}

describe('export runner on a splat scene', () => {
  const cases = [
    ['ply', 'splat-ply', 'orange-ball.splats.ply', decodeSplatPly, 2],
    ['spz', 'spz', 'orange-ball.spz', decodeSpz, 2],
    ['splat', 'splat', 'orange-ball.splat', decodeSplatBinary, 0],
  ] as const;
  for (const [format, manifestFormat, file, decode, degree] of cases) {
    it(`${format}: writes ${file}, verified by our reader and splat-transform`, async () => {
      const { out, summary, dir } = await exportScene({ sceneDir: join(base, 'splats'), format });
      expect(out.fields).toMatchObject({ format: manifestFormat, files: [file] });
      expect(out.fields.validation).toMatch(/re-read 600 Gaussians .*splat-transform \S+ read 600/);
      expect(summary).toMatchObject({ gaussians: 600, shDegree: 2 });
      const back = decode(new Uint8Array(await readFile(join(dir, file))));
      expect(back.count).toBe(600);
      expect(back.shDegree).toBe(degree);
    }, 60_000);
  }

  it('glb: KHR_gaussian_splatting, validator line and splat-transform agreement', async () => {
    const { out, dir } = await exportScene({ sceneDir: join(base, 'splats'), format: 'glb' });
    expect(out.fields).toMatchObject({ format: 'splat-glb', files: ['orange-ball.splats.glb'] });
    expect(out.fields.validation).toMatch(/^gltf-validator: 0 errors \(12 "invalid attribute name" on KHR_gaussian_splatting/);
    const back = await decodeSplatGlb(new Uint8Array(await readFile(join(dir, 'orange-ball.splats.glb'))));
    expect(back.positions).toEqual(scene.positions);
  }, 60_000);

  it('refuses formats a splat scene does not offer, and splat formats on a voxel scene', async () => {
    await expect(exportScene({ sceneDir: join(base, 'splats'), format: 'ply-points' })).rejects.toThrow(/a Gaussian splat scene exports ply, spz, splat, glb, not "ply-points"/);
    await expect(exportScene({ sceneDir: join(base, 'voxels'), format: 'spz' })).rejects.toThrow(/format "spz" needs a Gaussian splat scene/);
  });
});
