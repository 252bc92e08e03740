// parallax sample <photo> [--model M] [--n 4] [--steps 50] [--guidance w] [--temperature T] [--seed s]
//   [--path orbit|forward|autoregressive] [--views 8] [--pooling mean|occlusion-aware|view-colours] [--grid 64] --out <dir> [--backend B]
// Sample N different 3D scenes from one photo. <photo> is an image file (assumed to be taken from
// the model's canonical front pose: the toy dataset's front camera, 40 deg FOV at radius 2.2) or a
// posed capture folder (its first view and pose are used).
//   --path orbit: one-shot sampling of the view opposite the photo, then render an orbit.
//   --path forward: sample 3 views moving forward and sideways from the photo, each becoming
//   context for the next (less of the unseen side than orbit), then render the orbit.
//   --path autoregressive: sample --views views around the object one after another (each becomes
//   context for the next), then render the orbit.
//   --pooling: how the finished scene pools its views for the renders, volume and mesh
//   (src/engine/dfm/pooling.ts).
// Writes per sample k: sample-<k>.png (the generated view; sample-<k>-view-<v>.png for multi-view
// paths), sample-<k>-orbit-<i>.png, sample-<k>.glb, plus context.png and variance.png (per-pixel
// standard deviation across the samples of the farthest generated view, colour ramp, normalised).
// The work is in src/main/generative (shared with the studio's sample job).
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { disposeDfmModel, generationPaths, type CameraPathKind } from '../../engine/dfm';
import type { RgbImage } from '../../engine/data/types';
import { writeFileAtomic, writePng } from '../../main/capture-io';
import { selectBackend, type BackendChoice } from '../../main/engine-host/backend-select';
import { GENERATE_DEFAULTS, generateSample, loadModel, readPhoto, spreadImage } from '../../main/generative';
import { poolingFlag } from '../args';
import type { Log } from '../log';

export { canonicalFrontCamera } from '../../main/generative';

export interface SampleArgs {
  photo: string;
  out: string;
  model?: string;
  n?: number;
  steps?: number;
  guidance?: number;
  temperature?: number;
  seed?: number;
  path?: CameraPathKind;
  views?: number;
  /** A ScenePooling (default: GENERATE_DEFAULTS.pooling); checked here. */
  pooling?: string;
  grid?: number;
  backend?: BackendChoice;
}

const PATHS: readonly string[] = ['orbit', 'forward', 'autoregressive'];

export async function sampleCommand(args: SampleArgs, log: Log): Promise<number> {
  const n = args.n ?? 4; const steps = args.steps ?? 50; const views = args.views ?? 8;
  for (const [k, v, min] of [['n', n, 1], ['steps', steps, 1], ['views', views, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new Error(`parallax sample: --${k} must be an integer >= ${min}, got ${v}`);
  }
  const pooling = poolingFlag(args.pooling, 'sample') ?? GENERATE_DEFAULTS.pooling;
  const mode = args.path ?? 'orbit';
  if (!PATHS.includes(mode)) throw new Error(`parallax sample: --path must be orbit, forward or autoregressive, got ${String(mode)}`);
  const out = resolve(args.out);
  await mkdir(out, { recursive: true });
  const { tf, backend } = await selectBackend(args.backend ?? 'auto');
  const loaded = await loadModel(tf, args.model, 'dfm');
  const model = loaded.model;
  try {
    const ctx = await readPhoto(args.photo, model.config.imageSize);
    await writePng(join(out, 'context.png'), ctx.image);
    const paths = generationPaths(ctx.camera, mode, { views });
    const keyViews: RgbImage[] = [];
    for (let k = 0; k < n; k++) {
      const s = await generateSample(model, loaded.checksum, ctx, paths, k, {
        steps, guidance: args.guidance ?? null, temperature: args.temperature, seed: args.seed ?? 0, path: mode,
        grid: args.grid ?? 64, renders: true, pooling,
      }, {
        onStep: (v, p) => { if (p.index % 10 === 0) log.info(`sample ${k + 1}/${n} view ${v + 1}/${paths.sample.length} step ${p.index + 1}/${p.total}`); },
      });
      if (!s) throw new Error('parallax sample: stopped');
      for (let v = 0; v < s.views.length; v++) await writePng(join(out, s.views.length === 1 ? `sample-${k}.png` : `sample-${k}-view-${v}.png`), s.views[v]);
      for (let i = 0; i < s.renders.length; i++) await writePng(join(out, `sample-${k}-orbit-${String(i).padStart(2, '0')}.png`), s.renders[i]);
      if (s.glb) await writeFileAtomic(join(out, `sample-${k}.glb`), s.glb);
      else log.info(`sample ${k + 1}/${n}: the baked density has no surface; no GLB written`);
      keyViews.push(s.views[s.keyView]);
      log.info(`sample ${k + 1}/${n}: ${s.seconds.toFixed(1)} s, ${s.triangles} triangles`);
    }
    const spread = spreadImage(keyViews);
    await writePng(join(out, 'variance.png'), spread.image);
    log.info(`variance across ${n} sample(s): max std ${spread.max.toFixed(3)}, mean ${spread.mean.toFixed(4)} (variance.png)`);
    log.result(`${n} sample(s) (${mode}, ${steps} DDIM steps, ${pooling} pooling, ${backend}) -> ${out}`);
    return 0;
  } finally {
    disposeDfmModel(model);
  }
}
