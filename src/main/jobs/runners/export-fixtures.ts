// Small scene folders for the export runner's tests: a fitted field (scene.bin) holding a red
// ball of radius 0.6 in [-1, 1]^3 on 16^3 vertices, optionally with its volume.bin and preview,
// or a volume-only scene like the generated samples. Written with the real engine serialisers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeVolume } from '../../../shared/volume-file';
import { bakeGrid, serializeScene } from '../../../engine/recon';
import type { FittedScene } from '../../../engine/recon';

export const BALL = { radius: 0.6, rgb: [0.88, 0.12, 0.12] as [number, number, number] };

export function ballScene(n = 16): FittedScene {
  const count = n * n * n;
  const density = new Float32Array(count), color = new Float32Array(3 * count);
  const logit = (p: number) => Math.log(p / (1 - p)) / 0.28209479177387814; // rgb = sigmoid(SH_C0 * c)
  for (let z = 0, i = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++, i++) {
        const p = [x, y, z].map((v) => -1 + (2 * v) / (n - 1));
        density[i] = Math.hypot(p[0], p[1], p[2]) < BALL.radius ? 6 : -12;
        for (let c = 0; c < 3; c++) color[3 * i + c] = logit(BALL.rgb[c]);
      }
    }
  }
  return {
    version: 1, aabb: { min: [-1, -1, -1], max: [1, 1, 1] }, resolution: [n, n, n], shDegree: 0,
    density, color, densityShift: 0, densityScale: 20, stepRatio: 0.5, background: [1, 1, 1], near: 0.1, far: 10,
    info: { preset: 'draft', seed: 0, steps: 0, seconds: 0, stopReason: 'done' },
  };
}

export async function writeBallSceneFolder(dir: string, opts: { field?: boolean; volume?: boolean; name?: string } = {}): Promise<string> {
  const { field = true, volume = true, name = 'Red ball' } = opts;
  await mkdir(dir, { recursive: true });
  const scene = ballScene();
  const files: Record<string, string> = {};
  if (field) { await writeFile(join(dir, 'scene.bin'), serializeScene(scene)); files.field = 'scene.bin'; }
  if (volume) { await writeFile(join(dir, 'volume.bin'), encodeVolume(bakeGrid(scene, 24))); files.volume = 'volume.bin'; }
  const now = new Date().toISOString();
  const manifest = {
    schemaVersion: 1, id: 'red-ball', name, kind: 'scene', createdAt: now, updatedAt: now,
    origin: field ? 'reconstruction' : 'sample', files, metrics: {},
    settings: { res: 24, background: [1, 1, 1], rig: { centre: [0, 0, 0], radius: 4, height: 1.5 } },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
