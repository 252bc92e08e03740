// Splat rasterizer throughput: forward + backward milliseconds per training image (and the
// whole training step: + loss and Adam) for a random scene of realistic size, at 100x100 and
// 504x378, on 1 and 2 NodeKernelPool threads and in process (serial). Wall-clock ms and the
// process's CPU ms (all threads) per step: on a shared machine the wall time mostly measures
// the load, the CPU time what the step costs.
//   npx tsx bench/splats.ts [--gaussians 60000] [--reps 5]
// With --profile: one training step split into its phases (projection, tile binning, per-tile
// depth sort, raster forward, loss + SSIM, raster backward, projection backward, Adam, one
// densification), each run on the calling thread, CPU ms, at both sizes.
// With --fit N: instead, fit the 100x100 procedural stand-in (92 train / 16 held-out views,
// white background) for N iterations on --threads T (default 2) within --minutes M and print
// the held-out PSNR of renderSplats against the held-out photos.
import { intrinsicsFromFov, lookAt } from '../src/engine/camera';
import type { KernelPool } from '../src/engine/parallel';
import { fitSplats, renderSplats, SplatRasterizer } from '../src/engine/splats';
import { standInCapture } from '../src/engine/recon/stand-in';
import { splatCamera } from '../src/engine/splats/camera';
import { GaussianStore } from '../src/engine/splats/params';
import { NodeKernelPool } from '../src/main/engine-host/node-kernel-pool';
import type { KernelPlacement } from '../src/engine/splats/adaptive-runner';
import { PooledSplatLoss } from '../src/engine/splats/pooled-loss';
import { PARAM_KEYS } from '../src/engine/splats/params';
import { profile, scene } from './splats-profile';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('gaussians', 60_000), REPS = arg('reps', 5);

async function measure(pool: KernelPool | undefined, width: number, height: number, placement: KernelPlacement) {
  const r = new SplatRasterizer(pool);
  r.runner.placement = placement;
  const store = new GaussianStore(3, (f) => r.alloc(Float32Array, f));
  scene(store, N);
  const cam = splatCamera(intrinsicsFromFov(width, height, 0.6911), lookAt([0, 1.2, 3.8], [0, 0, 0]));
  const sh = { degree: 3, restPerChannel: 15 };
  const target = new Float32Array(width * height * 3).fill(0.5);
  // As the trainer runs them: the loss in row chunks and Adam in Gaussian chunks over the pool.
  const loss = new PooledSplatLoss(r.runner, (C, len) => r.alloc(C, len), r.gradChunks);
  const adamBuffers: Record<string, Float32Array> = {};
  for (const k of PARAM_KEYS) { adamBuffers[`p_${k}`] = store.params[k]; adamBuffers[`g_${k}`] = store.grads[k]; adamBuffers[`m_${k}`] = store.m[k]; adamBuffers[`v_${k}`] = store.v[k]; }
  const lr = { positions: 1e-4, logScales: 5e-3, rotations: 1e-3, opacityLogits: 0.05, shDc: 2.5e-3, shRest: 1.25e-4 };
  let fb = 0, fwd = 0, step = 0, cpu = 0;
  // Warm-up reps (not measured): one for the JIT; the adaptive runner also first tries both ways
  // per kernel and runs cold (unoptimised) code on this thread then, so it gets 12.
  const warm = placement === 'adaptive' ? 12 : 1;
  for (let rep = -warm; rep < REPS; rep++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const img = await r.forward(store.params, N, sh, cam, [1, 1, 1]);
    const t1 = performance.now();
    const { grad: dImg } = await loss.compute(img, target, width, height, 0.2);
    const t2 = performance.now();
    await r.backward(dImg, store.grads);
    const t3 = performance.now();
    await r.runner.run('splats.adam', { buffers: adamBuffers, params: { n: N, t: rep + warm + 1, lr, restPerChannel: 15, restActive: 15 } }, r.gradChunks);
    const t4 = performance.now();
    const c = process.cpuUsage(c0);
    if (rep >= 0) { fwd += t1 - t0; fb += t1 - t0 + t3 - t2; step += t4 - t0; cpu += (c.user + c.system) / 1000; }
  }
  return { fwd: fwd / REPS, fb: fb / REPS, step: step / REPS, cpu: cpu / REPS, visible: r.radii.filter((x) => x > 0).length };
}

async function fitMode(iterations: number): Promise<void> {
  const threads = arg('threads', 2), minutes = arg('minutes', 10);
  const capture = standInCapture();
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  const t0 = performance.now();
  try {
    const placement = (process.env.PLACEMENT ?? 'adaptive') as KernelPlacement;
    const fit = await fitSplats(capture, { iterations, minutes, pool, placement, previewEverySteps: 0, progressEverySteps: 100 }, {
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

if (process.argv.includes('--profile')) {
  await profile(N, REPS);
  process.exit(0);
}

if (arg('fit', 0) > 0) {
  await fitMode(arg('fit', 0));
  process.exit(0);
}

console.log(`splats: ${N} Gaussians (SH degree 3), ${REPS} reps after 1 warm-up (adaptive: 12); ms per training image`);
console.log('size      threads   forward  fwd+bwd  full step (+loss, Adam)  CPU ms/step (all threads)  visible');
for (const [w, h] of [[100, 100], [504, 378]] as const) {
  // serial: in process; N thr: every kernel over N NodeKernelPool threads; 2 adapt: each kernel
  // over the threads or in process, whichever has been faster (what training uses).
  for (const [threads, placement] of (process.env.ROWS ? JSON.parse(process.env.ROWS) : [[0, 'local'], [1, 'pool'], [2, 'pool'], [2, 'adaptive']]) as [number, KernelPlacement][]) {
    const pool = threads > 0 ? new NodeKernelPool(threads) : undefined;
    try {
      const m = await measure(pool, w, h, placement);
      const label = threads === 0 ? 'serial' : placement === 'adaptive' ? `${threads} adapt` : `${threads} thr`;
      console.log(`${`${w}x${h}`.padEnd(9)} ${label.padEnd(8)} ${m.fwd.toFixed(1).padStart(8)} ${m.fb.toFixed(1).padStart(8)} ${m.step.toFixed(1).padStart(12)}  ${m.cpu.toFixed(1).padStart(23)}              ${m.visible}`);
    } finally {
      await pool?.dispose();
    }
  }
}
