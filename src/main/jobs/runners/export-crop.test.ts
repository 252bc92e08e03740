// Exports keep the scene's crop box: a red ball of radius 0.6 at the origin, cropped to its x > 0
// half, exports only vertices / points with x >= 0 (within one voxel), from the field and from a
// volume-only scene alike; without a box the whole ball is exported.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPly } from '../../../engine/export';
import type { Tf } from '../../../engine/tf';
import { validateGlb } from '../../validate-gltf';
import { run } from './export';
import { writeBallSceneFolder } from './export-fixtures';
import type { ExportParams } from './export-params';
import type { RunnerContext, RunnerOutput } from './types';

let base = '';
let n = 0;
const HALF = { min: [0, -1, -1], max: [1, 1, 1] };

async function withCrop(dir: string, cropBox: unknown): Promise<void> {
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(await readFile(file, 'utf8'));
  await writeFile(file, JSON.stringify({ ...m, cropBox }));
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-export-crop-'));
  await writeBallSceneFolder(join(base, 'whole'));
  await withCrop(await writeBallSceneFolder(join(base, 'field')), HALF);
  await withCrop(await writeBallSceneFolder(join(base, 'volume'), { field: false }), HALF);
  await withCrop(await writeBallSceneFolder(join(base, 'beside')), { min: [5, 5, 5], max: [6, 6, 6] });
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

async function exportScene(params: ExportParams) {
  const stagingDir = join(base, `out-${++n}`);
  const ctx: RunnerContext = {
    tf: {} as Tf, backend: 'cpu', adapter: 'test', params, jobDir: join(base, `job-${n}`), stagingDir,
    resumeFrom: null, options: {}, progress: () => undefined, shouldStop: () => false, checkpoint: async () => undefined,
  };
  const result = await run(ctx);
  if (result.status !== 'succeeded') throw new Error('export stopped');
  const out = result.outputs[0] as RunnerOutput & { fields: { files: string[]; validation: string } };
  return { dir: join(stagingDir, out.dir), fields: out.fields };
}

const minX = (positions: Float32Array) => Math.min(...Array.from({ length: positions.length / 3 }, (_, i) => positions[3 * i]));

describe('exports and the crop box', () => {
  it('a PLY mesh of the whole scene reaches x = -0.6; cropped to x >= 0 it does not', async () => {
    const whole = await exportScene({ sceneDir: join(base, 'whole'), format: 'ply', res: 24 });
    const wholePly = readPly(new Uint8Array(await readFile(join(whole.dir, whole.fields.files[0]))));
    expect(minX(wholePly.positions)).toBeLessThan(-0.5);
    const cut = await exportScene({ sceneDir: join(base, 'field'), format: 'ply', res: 24 });
    expect(cut.fields.validation).toMatch(/cropped to the crop box/);
    const ply = readPly(new Uint8Array(await readFile(join(cut.dir, cut.fields.files[0]))));
    expect(ply.positions.length).toBeGreaterThan(0);
    expect(minX(ply.positions)).toBeGreaterThan(-2 / 24);
  });

  it('a GLB of the cropped field passes the validator', async () => {
    const r = await exportScene({ sceneDir: join(base, 'field'), format: 'glb', res: 24 });
    expect(r.fields.validation).toMatch(/0 errors.*cropped to the crop box/);
    expect((await validateGlb(new Uint8Array(await readFile(join(r.dir, r.fields.files[0]))))).errors).toBe(0);
  });

  it('volume-only scenes: mesh and points are cut to the box', async () => {
    const mesh = await exportScene({ sceneDir: join(base, 'volume'), format: 'ply' });
    expect(minX(readPly(new Uint8Array(await readFile(join(mesh.dir, mesh.fields.files[0])))).positions)).toBeGreaterThan(-2 / 24);
    const pts = await exportScene({ sceneDir: join(base, 'volume'), format: 'ply-points' });
    expect(pts.fields.validation).toMatch(/inside the crop box/);
    expect(minX(readPly(new Uint8Array(await readFile(join(pts.dir, pts.fields.files[0])))).positions)).toBeGreaterThanOrEqual(0);
  });

  it('a crop box beside the scene fails the export naming cropBox', async () => {
    await expect(exportScene({ sceneDir: join(base, 'beside'), format: 'ply', res: 24 })).rejects.toThrow(/no surface to mesh inside the crop box \[5, 5, 5\]\.\.\[6, 6, 6\] \(field "cropBox"\)/);
  });
});
