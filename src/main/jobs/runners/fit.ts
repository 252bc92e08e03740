// Runner `fit`: per-scene reconstruction of a capture folder into a scene folder:
//   1. openCaptureFolder (validated read)      2. fitScene with progress/stop/checkpoint hooks
//   3. scene.bin (serializeScene)              4. bakeGrid -> extractMesh -> meshToGlb: mesh.glb
//   5. preview.png (a held-out view)           6. metrics (evaluateScene on test views)
// Output: one scene item in `<stagingDir>/scene` whose files the scene manifest names.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cameraCenter } from '../../../engine/camera';
import type { CaptureView, RgbImage } from '../../../engine/data/types';
import { FitParamsSchema } from './fit-params';
import type { Runner } from './types';

export const FIT_CHECKPOINT_EVERY = 200;

/** The fields of recon's FitProgress this runner forwards (team brief, fixed interface). */
interface FitProgressLike { step: number; total: number; losses: Record<string, number>; etaSeconds: number | null; preview?: RgbImage }
export const SCENE_FILES = { field: 'scene.bin', mesh: 'mesh.glb', preview: 'preview.png' } as const;

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

export const run: Runner = async (ctx) => {
  const p = FitParamsSchema.parse(ctx.params);
  const [{ openCaptureFolder, writePng }, recon, mesh, exporter] = await Promise.all([
    import('../../capture-io'), import('../../../engine/recon'), import('../../../engine/mesh'), import('../../../engine/export'),
  ]);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, message: 'reading capture' });
  const capture = await openCaptureFolder(p.captureDir, p.maxSide ? { maxSide: p.maxSide } : undefined);
  const started = Date.now();
  const scene = await recon.fitScene(capture, { preset: p.preset, minutes: p.minutes, seed: p.seed }, {
    onProgress: (fp: FitProgressLike) => ctx.progress({ step: fp.step, total: fp.total, losses: fp.losses, etaSeconds: fp.etaSeconds }, fp.preview),
    shouldStop: ctx.shouldStop,
    checkpointEverySteps: FIT_CHECKPOINT_EVERY,
    onCheckpoint: (state: Uint8Array, step: number) => ctx.checkpoint(state, step),
    resumeFrom: ctx.resumeFrom?.bytes,
  });
  if (ctx.shouldStop()) return { status: 'stopped' };
  const fitSeconds = (Date.now() - started) / 1000;

  const out = join(ctx.stagingDir, 'scene');
  await mkdir(out, { recursive: true });
  ctx.progress({ step: 1, total: 1, losses: {}, etaSeconds: null, message: 'saving, baking and meshing' });
  await writeFile(join(out, SCENE_FILES.field), recon.serializeScene(scene));
  const { evalViews, previewView } = pickViews(capture.views);
  const metrics: Record<string, number> = { fitSeconds };
  if (evalViews.length) Object.assign(metrics, recon.evaluateScene(scene, evalViews));
  const view = recon.renderSceneView(scene, previewView.intrinsics, previewView.c2w, capture.background);
  await writePng(join(out, SCENE_FILES.preview), view.rgb);
  const settings = {
    preset: p.preset, minutes: p.minutes, seed: p.seed, res: p.res, backend: ctx.backend, adapter: ctx.adapter,
    captureFormat: capture.format, views: capture.views.length, background: capture.background,
    aabb: capture.aabb, rig: rigOf(capture.views, capture.aabb),
  };
  const grid = recon.bakeGrid(scene, p.res);
  const m = mesh.extractMesh(grid);
  metrics.triangles = m.indices.length / 3;
  const glb = await exporter.meshToGlb(m, { provenance: { source: p.sourceId ?? p.captureDir, ...settings, rig: undefined } });
  await writeFile(join(out, SCENE_FILES.mesh), glb);
  return {
    status: 'succeeded',
    summary: metrics,
    outputs: [{
      kind: 'scene', name: p.sceneName, dir: 'scene',
      fields: {
        origin: 'reconstruction', sourceId: p.sourceId, files: { ...SCENE_FILES },
        thumbnail: SCENE_FILES.preview, metrics, settings,
      },
    }],
  };
};
