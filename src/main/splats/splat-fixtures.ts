// Splat scene folders for tests, e2e and benchmarks until the splat trainer writes real ones:
// a solid ball of Gaussians of one colour (so a viewer test can check the dominant colour), or
// the seeded random scene of engine/splats/io/random-scene.ts. Written with the real encoder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 } from '../../engine/data/procedural/prng';
import { encodeSplatPly, randomSplatScene } from '../../engine/splats/io';
import { SH_C0, allocateSplatScene } from '../../engine/splats/types';
import type { ShDegree, SplatScene } from '../../engine/splats/types';
import { SPLATS_FILE } from './splat-scene-folder';

/** `count` Gaussians filling a ball of `radius` with colour `rgb`, opacity ~0.9, size ~radius/20. */
export function ballSplatScene(count: number, rgb: [number, number, number], radius = 0.6, seed = 1, shDegree: ShDegree = 0): SplatScene {
  const rnd = mulberry32(seed);
  const s = allocateSplatScene(count, shDegree, [1, 1, 1]);
  const logScale = Math.log(radius / 20);
  for (let i = 0; i < count; i++) {
    let p: number[];
    do p = [0, 1, 2].map(() => 2 * rnd() - 1); while (Math.hypot(p[0], p[1], p[2]) > 1);
    for (let k = 0; k < 3; k++) {
      s.positions[3 * i + k] = radius * p[k];
      s.logScales[3 * i + k] = logScale + 0.3 * (rnd() - 0.5);
      s.shDc[3 * i + k] = (rgb[k] - 0.5) / SH_C0;
    }
    s.rotations.set([1, rnd() - 0.5, rnd() - 0.5, rnd() - 0.5], 4 * i);
    s.opacityLogits[i] = 2.2;
  }
  return s;
}

export interface SplatFolderOptions {
  name: string;
  id: string;
  scene: SplatScene;
}

export async function writeSplatSceneFolder(dir: string, opts: Partial<SplatFolderOptions> = {}): Promise<string> {
  const scene = opts.scene ?? randomSplatScene(500, 3, { seed: 1 });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, SPLATS_FILE), encodeSplatPly(scene));
  const now = new Date().toISOString();
  const manifest = {
    schemaVersion: 1, id: opts.id ?? 'splat-ball', name: opts.name ?? 'Splat ball', kind: 'scene', createdAt: now, updatedAt: now,
    origin: 'reconstruction', files: {}, metrics: {},
    settings: { method: 'splats', gaussians: scene.count, shDegree: scene.shDegree, background: scene.background, rig: { centre: [0, 0, 0], radius: 4, height: 1.5 } },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
