// `bench/splats.ts --profile`: one splat training step split into its phases, each run on the
// calling thread through the same functions the pool's kernels call, at 100x100 and 504x378.
// CPU milliseconds of this process (robust to other load on a shared machine, unlike wall time).
import { intrinsicsFromFov, lookAt } from '../src/engine/camera';
import { Prng } from '../src/engine/recon/prng';
import { splatCamera } from '../src/engine/splats/camera';
import { densifyAndPrune } from '../src/engine/splats/densify';
import { SplatLoss } from '../src/engine/splats/loss';
import { GaussianStore } from '../src/engine/splats/params';
import { GRAD_STRIDE, ProjectScratch, projectBackwardRange, projectRange, type Projected } from '../src/engine/splats/project';
import { RasterScratch, countTiles, fillTiles, rasterTile, rasterTileBackward, sortTile } from '../src/engine/splats/raster';
import { scaledSchedule } from '../src/engine/splats/schedule';

/** Gaussians on and inside a unit sphere, 5-30 mm-like scales on a 2-unit object, SH degree 3. */
export function scene(store: GaussianStore, n: number): void {
  store.reserve(n); store.count = n;
  const rng = new Prng(1), p = store.params;
  for (let i = 0; i < n; i++) {
    const u = rng.next() * 2 - 1, t = rng.next() * 2 * Math.PI, r = Math.cbrt(0.3 + 0.7 * rng.next());
    const s = Math.sqrt(1 - u * u);
    p.positions.set([r * s * Math.cos(t), r * u, r * s * Math.sin(t)], 3 * i);
    for (let a = 0; a < 3; a++) { p.logScales[3 * i + a] = Math.log(0.005 + 0.025 * rng.next()); p.shDc[3 * i + a] = rng.next() * 3 - 1.5; }
    for (let a = 0; a < 4; a++) p.rotations[4 * i + a] = rng.next() * 2 - 1;
    p.opacityLogits[i] = rng.next() * 6 - 3;
  }
  for (let k = 0; k < 45 * n; k++) p.shRest[k] = 0.1 * (rng.next() - 0.5);
}

const PHASES = ['projection', 'tile binning', 'depth sort', 'raster forward', 'loss + SSIM', 'raster backward', 'projection bwd', 'Adam', 'densify (once)'];

async function profileSize(n: number, reps: number, width: number, height: number): Promise<{ ms: Record<string, number>; pairs: number; contrib: number }> {
  const store = new GaussianStore(3, (f) => new Float32Array(f));
  scene(store, n);
  const cam = splatCamera(intrinsicsFromFov(width, height, 0.6911), lookAt([0, 1.2, 3.8], [0, 0, 0]));
  const sh = { degree: 3, restPerChannel: 15 }, bg = [1, 1, 1], tiles = cam.tilesX * cam.tilesY;
  const proj: Projected = {
    mean2d: new Float32Array(2 * n), conic: new Float32Array(3 * n), depth: new Float32Array(n), radius: new Int32Array(n),
    rect: new Int32Array(4 * n), color: new Float32Array(3 * n), opacity: new Float32Array(n), clamped: new Uint8Array(3 * n),
  };
  const offsets = new Int32Array(tiles + 1), cursor = new Int32Array(tiles + 1);
  const ps = new ProjectScratch(), rs = new RasterScratch();
  const out = { image: new Float32Array(3 * width * height), finalT: new Float32Array(width * height), nContrib: new Int32Array(width * height) };
  const gbuf = new Float32Array(GRAD_STRIDE * n), ndc = new Float32Array(n);
  const loss = new SplatLoss(), dImg = new Float32Array(3 * width * height), target = new Float32Array(3 * width * height).fill(0.5);
  const lr = { positions: 1e-4, logScales: 5e-3, rotations: 1e-3, opacityLogits: 0.05, shDc: 2.5e-3, shRest: 1.25e-4 };
  const ms: Record<string, number> = Object.fromEntries(PHASES.map((k) => [k, 0]));
  const cpu = (k: string, f: () => void) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); ms[k] += (d.user + d.system) / 1000; };
  let ids = new Int32Array(0), pairs = 0;
  for (let rep = -1; rep < reps; rep++) { // rep -1 warms up (JIT)
    if (rep === 0) for (const k of PHASES) ms[k] = 0;
    cpu('projection', () => projectRange(store.params, sh, cam, 0, n, proj, ps));
    cpu('tile binning', () => {
      pairs = countTiles(proj, n, cam, offsets);
      if (ids.length < pairs) ids = new Int32Array(pairs);
      fillTiles(proj, n, cam, offsets, ids, cursor);
    });
    const lists = { offsets, ids };
    cpu('depth sort', () => { for (let t = 0; t < tiles; t++) sortTile(t, proj, lists, rs); });
    cpu('raster forward', () => { for (let t = 0; t < tiles; t++) rasterTile(t, cam, bg, proj, lists, out, rs); });
    cpu('loss + SSIM', () => loss.compute(out.image, target, width, height, dImg));
    cpu('raster backward', () => { gbuf.fill(0); for (let t = 0; t < tiles; t++) rasterTileBackward(t, cam, bg, proj, lists, out, dImg, gbuf, rs); });
    cpu('projection bwd', () => projectBackwardRange(store.params, sh, cam, proj, gbuf, 0, n, store.grads, ndc, ps));
    cpu('Adam', () => store.adam(rep + 2, lr));
  }
  for (const k of PHASES) ms[k] /= reps;
  // One densification (every 25+ steps in training): statistics as after a step, then clone/split/prune.
  for (let i = 0; i < n; i++) if (proj.radius[i] > 0) { store.gradAccum[i] += ndc[i]; store.denom[i] += 1; }
  cpu('densify (once)', () => densifyAndPrune(store, scaledSchedule(3000, { maxGaussians: 2 * n }), 4, 0, new Prng(3)));
  let contrib = 0;
  for (let p = 0; p < width * height; p++) contrib += out.nContrib[p];
  return { ms, pairs, contrib: contrib / (width * height) };
}

export async function profile(n: number, reps: number): Promise<void> {
  console.log(`splats --profile: one training step of ${n} Gaussians (SH degree 3, all bands active), ${reps} reps after 1 warm-up;`);
  console.log('CPU ms per phase on the calling thread (in training, all but binning run over the pool: ~1/threads of this)');
  for (const [w, h] of [[100, 100], [504, 378]] as const) {
    const r = await profileSize(n, reps, w, h);
    const total = PHASES.filter((k) => k !== 'densify (once)').reduce((s, k) => s + r.ms[k], 0);
    console.log(`\n${w}x${h}: ${r.pairs} tile pairs, ${r.contrib.toFixed(0)} Gaussians composited per pixel on average`);
    for (const k of PHASES) console.log(`  ${k.padEnd(16)} ${r.ms[k].toFixed(1).padStart(8)} ms${k === 'densify (once)' ? '' : `  ${((100 * r.ms[k]) / total).toFixed(0).padStart(3)} %`}`);
    console.log(`  ${'step total'.padEnd(16)} ${total.toFixed(1).padStart(8)} ms`);
  }
}
