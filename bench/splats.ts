// Splat rasterizer throughput: forward + backward milliseconds per training image (and the
// whole training step: + loss and Adam) for a random scene of realistic size, at 100x100 and
// 504x378, on 1 and 2 NodeKernelPool threads and in process (serial).
//   npx tsx bench/splats.ts [--gaussians 60000] [--reps 5]
// With --fit N: instead, fit the 100x100 procedural stand-in (92 train / 16 held-out views,
// white background) for N iterations on --threads T (default 2) within --minutes M and print
// the held-out PSNR of renderSplats against the held-out photos.
import { intrinsicsFromFov, lookAt } from '../src/engine/camera';
import type { KernelPool } from '../src/engine/parallel';
import { Prng } from '../src/engine/recon/prng';
import { fitSplats, renderSplats, SplatRasterizer } from '../src/engine/splats';
import { standInCapture } from '../src/engine/recon/stand-in';
import { splatCamera } from '../src/engine/splats/camera';
import { SplatLoss } from '../src/engine/splats/loss';
import { GaussianStore } from '../src/engine/splats/params';
import { NodeKernelPool } from '../src/main/engine-host/node-kernel-pool';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('gaussians', 60_000), REPS = arg('reps', 5);

/** Gaussians on and inside a unit sphere, 5-30 mm-like scales on a 2-unit object, SH degree 3. */
function scene(store: GaussianStore, n: number): void {
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

async function measure(pool: KernelPool | undefined, width: number, height: number) {
  const r = new SplatRasterizer(pool);
  const store = new GaussianStore(3, (f) => r.alloc(Float32Array, f));
  scene(store, N);
  const cam = splatCamera(intrinsicsFromFov(width, height, 0.6911), lookAt([0, 1.2, 3.8], [0, 0, 0]));
  const sh = { degree: 3, restPerChannel: 15 };
  const target = new Float32Array(width * height * 3).fill(0.5), dImg = new Float32Array(width * height * 3);
  const loss = new SplatLoss();
  const lr = { positions: 1e-4, logScales: 5e-3, rotations: 1e-3, opacityLogits: 0.05, shDc: 2.5e-3, shRest: 1.25e-4 };
  let fb = 0, fwd = 0, step = 0;
  for (let rep = -1; rep < REPS; rep++) { // rep -1 warms up
    const t0 = performance.now();
    const img = await r.forward(store.params, N, sh, cam, [1, 1, 1]);
    const t1 = performance.now();
    loss.compute(img, target, width, height, dImg);
    const t2 = performance.now();
    await r.backward(dImg, store.grads);
    const t3 = performance.now();
    store.adam(rep + 2, lr);
    const t4 = performance.now();
    if (rep >= 0) { fwd += t1 - t0; fb += t1 - t0 + t3 - t2; step += t4 - t0; }
  }
  return { fwd: fwd / REPS, fb: fb / REPS, step: step / REPS, visible: r.radii.filter((x) => x > 0).length };
}

async function fitMode(iterations: number): Promise<void> {
  const threads = arg('threads', 2), minutes = arg('minutes', 10);
  const capture = standInCapture();
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  const t0 = performance.now();
  try {
    const fit = await fitSplats(capture, { iterations, minutes, pool, previewEverySteps: 0, progressEverySteps: 100 }, {
      onProgress: (p) => console.log(`step ${p.step}/${p.total}  train psnr ${p.losses.psnr.toFixed(2)}  gaussians ${p.losses.gaussians}  ${p.losses.seconds.toFixed(0)} s`),
    });
    let se = 0, n = 0;
    const psnrs: number[] = [];
    for (const v of capture.views.filter((w) => w.split === 'test')) {
      const img = renderSplats(fit.scene, v.intrinsics, v.c2w);
      let e = 0;
      for (let k = 0; k < img.data.length; k++) e += (img.data[k] - v.image.data[k]) ** 2;
      psnrs.push(-10 * Math.log10(e / img.data.length)); se += e; n += img.data.length;
    }
    const mean = psnrs.reduce((a, b) => a + b, 0) / psnrs.length;
    console.log(`fit: ${fit.info.steps}/${iterations} steps, ${fit.info.stopReason}, ${fit.scene.count} Gaussians, ${((performance.now() - t0) / 1000).toFixed(0)} s, ${threads} threads`);
    console.log(`held-out (${psnrs.length} views): mean PSNR ${mean.toFixed(2)} dB, PSNR of pooled MSE ${(-10 * Math.log10(se / n)).toFixed(2)} dB`);
  } finally {
    await pool?.dispose();
  }
}

if (arg('fit', 0) > 0) {
  await fitMode(arg('fit', 0));
  process.exit(0);
}

console.log(`splats: ${N} Gaussians (SH degree 3), ${REPS} reps after 1 warm-up; ms per training image`);
console.log('size      threads   forward  fwd+bwd  full step (+loss, Adam)  visible');
for (const [w, h] of [[100, 100], [504, 378]] as const) {
  for (const threads of [0, 1, 2]) {
    const pool = threads > 0 ? new NodeKernelPool(threads) : undefined;
    try {
      const m = await measure(pool, w, h);
      const label = threads === 0 ? 'serial' : `${threads} thr`;
      console.log(`${`${w}x${h}`.padEnd(9)} ${label.padEnd(8)} ${m.fwd.toFixed(1).padStart(8)} ${m.fb.toFixed(1).padStart(8)} ${m.step.toFixed(1).padStart(12)}              ${m.visible}`);
    } finally {
      await pool?.dispose();
    }
  }
}
