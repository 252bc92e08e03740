// parallax sample <photo> [--model M] [--n 4] [--steps 50] [--guidance w] [--temperature T] [--seed s]
//   [--path orbit|autoregressive] [--views 8] [--grid 64] --out <dir> [--backend B]
// Sample N different 3D scenes from one photo. <photo> is an image file (assumed to be taken from
// the model's canonical front pose: the toy dataset's front camera, 40 deg FOV at radius 2.2) or a
// posed capture folder (its first view and pose are used).
//   --path orbit: one-shot sampling of the view opposite the photo, then render an orbit.
//   --path autoregressive: sample --views views around the object one after another (each becomes
//   context for the next), then render the orbit.
// Writes per sample k: sample-<k>.png (the generated view), sample-<k>-orbit-<i>.png, sample-<k>.glb,
// and context.png.
//
// Flags the CLI entry should map to SampleArgs: positional -> photo, --model, --n, --steps,
// --guidance, --temperature, --seed, --path, --views, --grid, --out, --backend.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import sharp from 'sharp';
import { intrinsicsFromFov, lookAt, type Mat4 } from '../../engine/camera';
import {
  bakeSceneGrid, disposeDfmModel, disposeScene, orbitPath, renderScene, sampleAlongPath, squareView, type TrainView,
} from '../../engine/dfm';
import { meshToGlb } from '../../engine/export';
import { extractMesh } from '../../engine/mesh';
import { openCaptureFolder, writeFileAtomic, writePng } from '../../main/capture-io';
import { selectBackend, type BackendChoice } from '../../main/engine-host/backend-select';
import type { Log } from '../log';
import { loadModel } from './train';

export interface SampleArgs {
  photo: string;
  out: string;
  model?: string;
  n?: number;
  steps?: number;
  guidance?: number;
  temperature?: number;
  seed?: number;
  path?: 'orbit' | 'autoregressive';
  views?: number;
  grid?: number;
  backend?: BackendChoice;
}

/** The toy category's front camera: radius 2.2, 17 deg elevation, 40 deg horizontal FOV. */
export function canonicalFrontCamera(size: number): TrainView['camera'] {
  const el = (17 * Math.PI) / 180;
  return { intrinsics: intrinsicsFromFov(size, size, (40 * Math.PI) / 180), c2w: lookAt([0, 2.2 * Math.sin(el), 2.2 * Math.cos(el)], [0, 0, 0]) as Mat4 };
}

async function readPhoto(photo: string, size: number): Promise<TrainView> {
  const p = resolve(photo);
  if (statSync(p).isDirectory()) {
    const cap = await openCaptureFolder(p);
    const v = cap.views[0];
    const sq = squareView(v.image, v.intrinsics, size);
    return { image: sq.image, camera: { intrinsics: sq.intrinsics, c2w: v.c2w } };
  }
  const { data, info } = await sharp(p).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const img = new Float32Array(info.width * info.height * 3);
  for (let i = 0; i < img.length; i++) img[i] = data[i] / 255;
  const cam = canonicalFrontCamera(size);
  // The centre square crop of the photo is assumed to span the canonical 40 deg FOV.
  const fx = (0.5 * Math.min(info.width, info.height)) / Math.tan((20 * Math.PI) / 180);
  const k = { width: info.width, height: info.height, fx, fy: fx, cx: info.width / 2, cy: info.height / 2 };
  const sq = squareView({ width: info.width, height: info.height, data: img }, k, size);
  return { image: sq.image, camera: { intrinsics: sq.intrinsics, c2w: cam.c2w } };
}

export async function sampleCommand(args: SampleArgs, log: Log): Promise<number> {
  const n = args.n ?? 4; const steps = args.steps ?? 50; const views = args.views ?? 8;
  for (const [k, v, min] of [['n', n, 1], ['steps', steps, 1], ['views', views, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new Error(`parallax sample: --${k} must be an integer >= ${min}, got ${v}`);
  }
  const mode = args.path ?? 'orbit';
  if (mode !== 'orbit' && mode !== 'autoregressive') throw new Error(`parallax sample: --path must be orbit or autoregressive, got ${String(mode)}`);
  const out = resolve(args.out);
  await mkdir(out, { recursive: true });
  const { tf, backend } = await selectBackend(args.backend ?? 'auto');
  const loaded = await loadModel(tf, args.model, 'dfm');
  const model = loaded.model;
  try {
    const size = model.config.imageSize;
    const ctx = await readPhoto(args.photo, size);
    await writePng(join(out, 'context.png'), ctx.image);
    const orbit = orbitPath(ctx.camera, views, { includeStart: true });
    const samplePath = mode === 'orbit' ? [orbit[Math.floor(views / 2)]] : orbitPath(ctx.camera, views - 1);
    for (let k = 0; k < n; k++) {
      const seed = (args.seed ?? 0) + 1000 * k;
      const t0 = Date.now();
      const res = await sampleAlongPath(model, [ctx], samplePath, {
        seed, sampler: { steps, ...(args.temperature !== undefined ? { temperature: args.temperature } : {}) },
        guidance: args.guidance ?? null, maxContextViews: 2,
        onViewStep: (v, p) => { if (p.index % 10 === 0) log.info(`sample ${k + 1}/${n} view ${v + 1}/${samplePath.length} step ${p.index + 1}/${p.total}`); },
      });
      try {
        for (let v = 0; v < res.views.length; v++) await writePng(join(out, res.views.length === 1 ? `sample-${k}.png` : `sample-${k}-view-${v}.png`), res.views[v].image);
        for (let i = 0; i < orbit.length; i++) await writePng(join(out, `sample-${k}-orbit-${String(i).padStart(2, '0')}.png`), renderScene(model, res.scene, orbit[i]).image);
        const grid = bakeSceneGrid(model, res.scene, { resolution: args.grid ?? 64 });
        // Iso-surface where one render interval (the model's own sample spacing) reaches opacity 1/2,
        // lowered to half the peak density for soft (e.g. under-trained) fields so a surface exists.
        const r = model.config.render;
        let peak = 0;
        for (const d of grid.density) peak = Math.max(peak, d);
        const isoLevel = Math.min((Math.log(2) * r.samples) / (r.far - r.near), 0.5 * peak);
        const mesh = extractMesh(grid, { field: 'density', isoLevel });
        if (mesh.indices.length > 0) {
          const glb = await meshToGlb(mesh, { provenance: { method: 'dfm', seed, steps, isoLevel, guidance: args.guidance ?? model.config.guidance, path: mode, modelHash: loaded.checksum } });
          await writeFileAtomic(join(out, `sample-${k}.glb`), glb);
        } else {
          log.info(`sample ${k + 1}/${n}: the baked density has no surface; no GLB written`);
        }
        log.info(`sample ${k + 1}/${n}: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${mesh.indices.length / 3} triangles`);
      } finally {
        disposeScene(res.scene);
      }
    }
    log.result(`${n} sample(s) (${mode}, ${steps} DDIM steps, ${backend}) -> ${out}`);
    return 0;
  } finally {
    disposeDfmModel(model);
  }
}
