// Runner `render` (CLI): PNG frames of a fitted scene, either a turntable orbit or the cameras of
// a transforms json in any folder (one PNG per frame at the frame's own size, named after the
// frame's image file, poses placed in the scene's world with the normalisation the fit stored:
// render-cameras.ts), on the scene's background colour. Field scenes ray-march scene.bin; splat
// scenes (splats.ply) render with the splat rasterizer. Output: `<stagingDir>/frames/*.png`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { intrinsicsFromFov, lookAt } from '../../../engine/camera';
import type { Intrinsics, Mat4 } from '../../../engine/camera';
import type { RgbImage } from '../../../engine/data/types';
import { loadSplatScene, splatFileOf } from '../../splats/splat-scene-folder';
import { readCameraFile, sceneNormalization } from './render-cameras';
import type { Shot } from './render-cameras';
import { loadSceneField, readSceneManifest } from './scene-folder';
import type { Runner } from './types';

export const RenderParamsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('turntable'), sceneDir: z.string(), frames: z.number().int().min(1).max(3600).default(36) }),
  z.object({ mode: z.literal('cameras'), sceneDir: z.string(), camerasFile: z.string() }),
]);
export type RenderParams = z.input<typeof RenderParamsSchema>;

type Vec3 = [number, number, number];

function turntable(settings: Record<string, unknown>, frames: number): Shot[] {
  const rig = (settings.rig ?? {}) as { centre?: Vec3; radius?: number; height?: number; intrinsics?: Intrinsics };
  const centre = rig.centre ?? [0, 0, 0];
  const radius = rig.radius ?? 4;
  const height = Math.min(rig.height ?? radius * 0.4, radius * 0.95);
  const flat = Math.sqrt(Math.max(radius * radius - height * height, 1e-6));
  const k = rig.intrinsics ?? intrinsicsFromFov(256, 256, (40 * Math.PI) / 180);
  return Array.from({ length: frames }, (_, i) => {
    const a = (2 * Math.PI * i) / frames;
    const eye: Vec3 = [centre[0] + flat * Math.sin(a), centre[1] + height, centre[2] + flat * Math.cos(a)];
    return { name: `frame-${String(i).padStart(4, '0')}.png`, k, c2w: lookAt(eye, centre) };
  });
}

export const run: Runner = async (ctx) => {
  const p = RenderParamsSchema.parse(ctx.params);
  const [{ writePng }, recon, splats] = await Promise.all([import('../../capture-io'), import('../../../engine/recon'), import('../../../engine/splats')]);
  // A splat scene (splats.ply) renders through the splat rasterizer, a field scene by ray marching.
  const splatFile = splatFileOf(p.sceneDir, await readSceneManifest(p.sceneDir));
  let manifest, draw: (k: Intrinsics, c2w: Mat4, bg: Vec3) => RgbImage;
  if (splatFile) {
    manifest = await readSceneManifest(p.sceneDir);
    const scene = await loadSplatScene(splatFile);
    draw = (k, c2w, bg) => splats.renderSplats(scene, k, c2w, { background: bg });
  } else {
    const field = await loadSceneField(p.sceneDir);
    manifest = field.manifest;
    draw = (k, c2w, bg) => recon.renderSceneView(field.scene, k, c2w, bg).rgb;
  }
  const stored = manifest.settings.background as Vec3 | undefined;
  const background: Vec3 = stored ?? [1, 1, 1];
  const shots = p.mode === 'turntable'
    ? turntable(manifest.settings, p.frames)
    : await readCameraFile(p.camerasFile, sceneNormalization(manifest.settings, join(p.sceneDir, 'manifest.json')));
  const out = join(ctx.stagingDir, 'frames');
  await mkdir(out, { recursive: true });
  const started = Date.now();
  for (const [i, shot] of shots.entries()) {
    if (ctx.shouldStop()) return { status: 'stopped' };
    const rgb = draw(shot.k, shot.c2w, background);
    await writePng(join(out, shot.name), rgb);
    const per = (Date.now() - started) / 1000 / (i + 1);
    ctx.progress({ step: i + 1, total: shots.length, losses: {}, etaSeconds: per * (shots.length - i - 1) }, i === 0 ? rgb : undefined);
  }
  return {
    status: 'succeeded',
    summary: { frames: shots.length },
    outputs: [{ kind: 'export', name: `${manifest.name} frames`, dir: 'frames', fields: { format: 'png-frames', sourceId: manifest.id, files: shots.map((s) => s.name) } }],
  };
};
