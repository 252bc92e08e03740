// `render --cameras` on a transforms.json in another folder: poses in the fitted capture's world
// (the scene's stored normalisation, not one recomputed from the file's two frames), each frame
// at its own size, PNGs named after the frames' images (which do not exist).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multiply4, scaleIntrinsics } from '../engine/camera';
import type { Mat4 } from '../engine/camera';
import { demoScene, nerfstudioTransforms, normalizeScene, renderProceduralCapture } from '../engine/data';
import type { FrameRecord } from '../engine/data';
import { rgbToRgb8 } from '../engine/image';
import { encodePng, openCaptureFolder } from '../main/capture-io';
import { loadSceneField } from '../main/jobs/runners/scene-folder';
import type { Log } from './log';
import { main } from './main';

const HAVE_RECON = existsSync(new URL('../engine/recon/index.ts', import.meta.url));
let base = '';
const lines: string[] = [];
const log: Log = { info: () => undefined, error: (l) => lines.push(`error: ${l}`), result: (l) => lines.push(l) };

// The capture's file world: x_file = 3 Rx(90deg) x + (5, -2, 7), so the reader's normalisation is far from identity.
const S = 3;
const TO_FILE = Float64Array.from([S, 0, 0, 5, 0, 0, -S, -2, 0, S, 0, 7, 0, 0, 0, 1]) as Mat4;
function toFile(c2w: Mat4): Mat4 {
  return multiply4(TO_FILE, c2w).map((v, i) => (i < 12 && i % 4 !== 3 ? v / S : v)) as Mat4;
}

async function pixels(file: string) {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe.skipIf(!HAVE_RECON)('parallax render --cameras', () => {
  const frames: FrameRecord[] = [];
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'px-rcams-'));
    // 8 cameras at radius 3 and 2 closer ones at radius 2: the median distance of the whole capture
    // (which sets the normalisation's scale) differs from that of frames 0 and 8 alone.
    const far = renderProceduralCapture({ scene: demoScene(), width: 24, height: 24, views: { train: 8, test: 0 }, supersample: 1 }).capture;
    const near = renderProceduralCapture({ scene: demoScene(), width: 24, height: 24, views: { train: 2, test: 0 }, supersample: 1, seed: 1, rig: { kind: 'sphere', radius: 2, minElevationDeg: 20, maxElevationDeg: 50 } }).capture;
    await mkdir(join(base, 'capture', 'images'), { recursive: true });
    for (const [i, v] of [...far.views, ...near.views].entries()) {
      await writeFile(join(base, 'capture', 'images', `img_${i}.png`), await encodePng(v.image));
      frames.push({ path: `images/img_${i}.png`, c2w: toFile(v.c2w), intrinsics: v.intrinsics });
    }
    await writeFile(join(base, 'capture', 'transforms.json'), JSON.stringify(nerfstudioTransforms(frames, { cameraModel: 'PINHOLE' })));
  });
  afterAll(async () => { await rm(base, { recursive: true, force: true }); });

  it('renders a 2-frame json from another folder at its size, in the fitted world, named after its images', async () => {
    const scene = join(base, 'out', 'scene');
    expect(await main(['fit', join(base, 'capture'), '--out', scene, '--minutes', '0.05', '--preset', 'draft', '--res', '32', '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    // Frames 0 and 8 are the fit's own held-out views (every 8th); here at 36x36 instead of 24x24.
    const held = [0, 8].map((i) => ({ ...frames[i], path: `photos/IMG_000${i}.JPG`, intrinsics: scaleIntrinsics(frames[i].intrinsics, 36, 36) }));
    await mkdir(join(base, 'elsewhere'));
    const heldFile = join(base, 'elsewhere', 'held.json');
    await writeFile(heldFile, JSON.stringify(nerfstudioTransforms(held, { cameraModel: 'PINHOLE' })));
    expect(await main(['render', scene, '--cameras', heldFile, '--out', join(base, 'renders'), '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    expect((await readdir(join(base, 'renders'))).sort()).toEqual(['IMG_0000.png', 'IMG_0008.png']);

    // The same poses as the fitted capture's views (normalised by the reader of the whole capture), rendered in-process.
    const opened = await openCaptureFolder(join(base, 'capture'));
    const { scene: field, manifest } = await loadSceneField(scene);
    const { renderSceneView } = await import('../engine/recon');
    for (const i of [0, 8]) {
      const view = opened.views.find((v) => v.file === `images/img_${i}.png`)!;
      expect(view.split).toBe('test');
      const want = rgbToRgb8(renderSceneView(field, scaleIntrinsics(view.intrinsics, 36, 36), view.c2w, [1, 1, 1]).rgb);
      const got = await pixels(join(base, 'renders', `IMG_000${i}.png`));
      expect([got.width, got.height]).toEqual([36, 36]);
      let maxDiff = 0;
      for (let j = 0; j < want.length; j++) maxDiff = Math.max(maxDiff, Math.abs(want[j] - got.data[j]));
      expect(maxDiff).toBeLessThanOrEqual(1);
    }

    // And they agree with the capture's own cameras rendered by the CLI at 24x24 (downscaled 36 -> 24).
    expect(await main(['render', scene, '--cameras', join(base, 'capture', 'transforms.json'), '--out', join(base, 'own'), '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    const own = await pixels(join(base, 'own', 'img_8.png'));
    const small = await sharp(join(base, 'renders', 'IMG_0008.png')).removeAlpha().resize(24, 24, { kernel: 'lanczos3' }).raw().toBuffer();
    let se = 0;
    for (let j = 0; j < small.length; j++) se += ((small[j] - own.data[j]) / 255) ** 2;
    expect(-10 * Math.log10(se / small.length)).toBeGreaterThan(20);

    // A normalisation recomputed from the json's two frames would be another world (why the stored one is used).
    const stored = manifest.settings.normalization as { transform: number[] };
    const recomputed = normalizeScene(held.map((f) => ({ c2w: f.c2w, intrinsics: f.intrinsics })), {}).normalization.transform;
    expect(Math.max(...recomputed.map((v, j) => Math.abs(v - stored.transform[j])))).toBeGreaterThan(0.05);
    expect(JSON.parse(await readFile(join(scene, 'manifest.json'), 'utf8')).settings.normalization.method).toBe('cameras');
  });
});
