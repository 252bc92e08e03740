// Runner `fit`: per-scene reconstruction of a capture folder into a scene folder:
//   1. openCaptureFolder (validated read)      2. fitScene with progress/stop/checkpoint hooks
//   3. scene.bin (serializeScene)              4. bakeGrid -> extractMesh -> meshToGlb: mesh.glb (if any surface)
//   5. preview.png (a held-out view)           6. metrics (evaluateScene on test views)
//   7. volume.bin (encodeVolume of the baked grid) for the viewer's ray marcher
// Output: one scene item in `<stagingDir>/scene` whose files the scene manifest names.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cameraCenter } from '../../../engine/camera';
import { encodeVolume } from '../../../shared/volume-file';
import type { CaptureView, RgbImage } from '../../../engine/data/types';
import type { BakedGrid } from '../../../engine/grid/types';
import { trainingMinutes } from './fit-budget';
import { checkFitCapture } from './fit-checks';
import { NodeKernelPool, defaultThreads } from '../../engine-host/node-kernel-pool';
import { FitParamsSchema } from './fit-params';
import { writeSceneSparsePoints } from './scene-sparse-points';
import { runSplatFit } from './fit-splats';
import type { Runner } from './types';

export const FIT_CHECKPOINT_EVERY = 200;

/** The fields of recon's FitProgress this runner forwards (team brief, fixed interface). */
interface FitProgressLike { step: number; total: number; losses: Record<string, number>; etaSeconds: number | null; preview?: RgbImage }
export const SCENE_FILES = { field: 'scene.bin', mesh: 'mesh.glb', preview: 'preview.png', volume: 'volume.bin' } as const;

function pickViews(views: CaptureView[]): { evalViews: CaptureView[]; previewView: CaptureView } {
  const test = views.filter((v) => v.split === 'test');
  const val = views.filter((v) => v.split === 'val');
  const evalViews = test.length ? test : val;
  return { evalViews, previewView: evalViews[0] ?? views[0] };
}

/** Camera rig facts the turntable and `render` need later (stored in the scene's settings). */
function rigOf(views: CaptureView[], aabb: { min: number[]; max: number[] }) {
  const centre = aabb.min.map((m, i) => (m + aabb.max[i]) / 2) as [number, number, number];
  const offsets = views.map((v) => cameraCenter(v.c2w).map((c, i) => c - centre[i]));
  const radius = offsets.reduce((s, o) => s + Math.hypot(o[0], o[1], o[2]), 0) / Math.max(1, offsets.length);
  const height = offsets.reduce((s, o) => s + o[1], 0) / Math.max(1, offsets.length);
  return { centre, radius, height, intrinsics: views[0]?.intrinsics };
}

/** Longest side of the viewer's volume texture; finer bakes are box-averaged down to it. */
export const VOLUME_MAX_SIDE = 128;

/**
 * The grid the viewer ray-marches: `grid` itself when no side exceeds `maxSide`, else averaged
 * over f^3 blocks (f = ceil(longest / maxSide)); colours are weighted by density so empty
 * voxels do not darken surfaces. The aabb shrinks to the blocks covered (a remainder < f is cut).
 */
export function volumeGridOf(grid: BakedGrid, maxSide = VOLUME_MAX_SIDE): BakedGrid {
  const [nx, ny, nz] = grid.resolution;
  const f = Math.ceil(Math.max(nx, ny, nz) / maxSide);
  if (f <= 1) return grid;
  const res: [number, number, number] = [Math.max(1, Math.floor(nx / f)), Math.max(1, Math.floor(ny / f)), Math.max(1, Math.floor(nz / f))];
  const density = new Float32Array(res[0] * res[1] * res[2]);
  const rgb = new Float32Array(3 * density.length);
  for (let z = 0; z < res[2]; z++) for (let y = 0; y < res[1]; y++) for (let x = 0; x < res[0]; x++) {
    let d = 0; let w = 0; const c = [0, 0, 0]; let n = 0;
    for (let k = z * f; k < Math.min(nz, (z + 1) * f); k++) for (let j = y * f; j < Math.min(ny, (y + 1) * f); j++) for (let i = x * f; i < Math.min(nx, (x + 1) * f); i++) {
      const v = i + nx * (j + ny * k);
      const s = grid.density[v];
      d += s; n += 1; w += s + 1e-6;
      for (let ch = 0; ch < 3; ch++) c[ch] += grid.rgb[3 * v + ch] * (s + 1e-6);
    }
    const o = x + res[0] * (y + res[1] * z);
    density[o] = d / n;
    for (let ch = 0; ch < 3; ch++) rgb[3 * o + ch] = c[ch] / w;
  }
  const size = grid.aabb.max.map((m, i) => m - grid.aabb.min[i]);
  const n0 = [nx, ny, nz];
  const max = grid.aabb.min.map((m, i) => m + (size[i] * res[i] * f) / n0[i]) as [number, number, number];
  return { resolution: res, aabb: { min: grid.aabb.min, max }, density, rgb };
}

export const run: Runner = async (ctx) => {
  const p = FitParamsSchema.parse(ctx.params);
  const [{ openCaptureFolder, writePng }, recon, mesh, exporter] = await Promise.all([
    import('../../capture-io'), import('../../../engine/recon'), import('../../../engine/mesh'), import('../../../engine/export'),
  ]);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, message: 'reading capture' });
  // Module loading is start-up (covered by the grace minute); reading scales with the capture and counts.
  const readStarted = Date.now();
  const capture = await openCaptureFolder(p.captureDir, p.maxSide ? { maxSide: p.maxSide } : undefined);
  checkFitCapture(capture, p.captureDir);
  // --minutes covers the whole run: reading (spent) and baking/meshing/evaluation (reserved) too.
  const { evalViews, previewView } = pickViews(capture.views);
  const evalPixels = [...evalViews, previewView].reduce((n, v) => n + v.intrinsics.width * v.intrinsics.height, 0);
  const budget = trainingMinutes(p.minutes, (Date.now() - readStarted) / 1000, p.res, evalPixels);
  const started = Date.now();
  const threads = p.threads ?? defaultThreads();
  // One thread needs no pool: the trainer marches in process. The pool's threads end with the
  // fit, whether it finishes, is cancelled or throws.
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  if (p.method === 'splats') {
    try {
      return await runSplatFit(ctx, p, capture, pool, threads, pickViews(capture.views), rigOf(capture.views, capture.aabb), budget.minutes);
    } finally {
      await pool?.dispose();
    }
  }
  let scene;
  try {
    scene = await recon.fitScene(capture, { preset: p.preset, minutes: budget.minutes, seed: p.seed, sceneType: p.sceneType, exposure: p.exposure }, {
      onProgress: (fp: FitProgressLike) => ctx.progress({ step: fp.step, total: fp.total, losses: fp.losses, etaSeconds: fp.etaSeconds }, fp.preview),
      shouldStop: ctx.shouldStop,
      checkpointEverySteps: FIT_CHECKPOINT_EVERY,
      onCheckpoint: (state: Uint8Array, step: number) => ctx.checkpoint(state, step),
      resumeFrom: ctx.resumeFrom?.bytes,
      pool,
    });
  } finally {
    await pool?.dispose();
  }
  if (ctx.shouldStop()) return { status: 'stopped' };
  const fitSeconds = (Date.now() - started) / 1000;

  const out = join(ctx.stagingDir, 'scene');
  await mkdir(out, { recursive: true });
  ctx.progress({ step: 1, total: 1, losses: {}, etaSeconds: null, message: 'saving, baking and meshing' });
  await writeFile(join(out, SCENE_FILES.field), recon.serializeScene(scene));
  const metrics: Record<string, number> = { fitSeconds };
  if (evalViews.length) Object.assign(metrics, recon.evaluateScene(scene, evalViews));
  const view = recon.renderSceneView(scene, previewView.intrinsics, previewView.c2w, capture.background);
  await writePng(join(out, SCENE_FILES.preview), view.rgb);
  const settings = {
    preset: p.preset, minutes: p.minutes, trainingMinutes: budget.minutes, seed: p.seed, threads: scene.info.threads ?? threads, steps: scene.info.steps,
    res: p.res, backend: ctx.backend, adapter: ctx.adapter,
    captureFormat: capture.format, views: capture.views.length, background: capture.background,
    aabb: capture.aabb, rig: rigOf(capture.views, scene.space && scene.cropBox ? scene.cropBox : capture.aabb),
    // The capture's file-to-world map: `render --cameras` places other cameras with it.
    normalization: capture.normalization,
    sceneType: scene.sceneType, sceneTypeChoice: p.sceneType, sceneTypeWhy: scene.info.sceneDecision?.why,
    nearFarFrom: scene.info.bounds, cropBox: scene.cropBox,
    // Range of the per-image exposure maps fitted (gain, offset), or 'off'.
    exposure: scene.info.exposure ?? 'off',
  };
  // Contracted / NDC scenes have no world box of their own: mesh and volume are baked inside the
  // crop box (the object, not the room); object scenes bake their whole box as before.
  const grid = recon.bakeGrid(scene, p.res, scene.space ? { crop: recon.defaultBakeBox(scene) } : {});
  await writeFile(join(out, SCENE_FILES.volume), encodeVolume(volumeGridOf(grid)));
  const m = mesh.extractMesh(grid);
  metrics.triangles = m.indices.length / 3;
  // A fit stopped early (tiny budget, hard capture) may have no surface yet: the scene is still
  // worth keeping (field, volume, preview), it just has no mesh.glb to view or export.
  const files: Partial<Record<keyof typeof SCENE_FILES, string>> = { ...SCENE_FILES };
  if (m.indices.length > 0) {
    const glb = await exporter.meshToGlb(m, { provenance: { source: p.sourceId ?? p.captureDir, ...settings, rig: undefined, normalization: undefined } });
    await writeFile(join(out, SCENE_FILES.mesh), glb);
  } else {
    delete files.mesh;
  }
  // Posed real captures carry COLMAP's sparse points: the viewer shows them with the crop box.
  const sparse = await writeSceneSparsePoints(out, capture.sparsePoints);
  return {
    status: 'succeeded',
    summary: metrics,
    outputs: [{
      kind: 'scene', name: p.sceneName, dir: 'scene',
      fields: {
        origin: 'reconstruction', sourceId: p.sourceId, files: sparse ? { ...files, sparsePoints: sparse } : files,
        thumbnail: SCENE_FILES.preview, metrics, settings,
      },
    }],
  };
};
