// DDRep SIREN speed and fidelity (issue 17: one SIREN sample <= 2 min on 2 cores).
//   npx tsx bench/ddrep-siren.ts --ops                     per-call costs: guided denoiser pair, one inner
//                                                          Adam iteration per SIREN size, the sine layer
//   npx tsx bench/ddrep-siren.ts [--layers 3] [--hidden 128] [--inner 200] [--tol 0] [--lr 1e-3]
//        [--steps 50] [--guidance 3] [--seed 0] [--model resources/models/default-prior.plxm] [--backend wasm]
// The second form samples one SIREN with DDRep and, from the same seed, the pixel-grid DDRep (J = I, exact
// closed-form fit: image-space DDIM-eta, ddrep-exact.test.ts). A perfect inner fit would make the two equal,
// so PSNR(SIREN, pixel grid) measures what the SIREN's capacity and the truncated fit lose (the notes'
// paired-fidelity check, §4.3). Prints wall and CPU seconds (process.cpuUsage: the machine is shared, and
// CPU time is what a free core would need), inner iterations and the unachieved fraction per step.
import { readFileSync } from 'node:fs';
import type * as tfn from '@tensorflow/tfjs';
import { guidedPrediction, pixelGrid, sampleDdrep, siren, fitViewsReport } from '../src/engine/ddrep';
import { sineLayer } from '../src/engine/ddrep/sine-activation';
import { imagePrior, loadPriorModelFile, priorCondition, PRIOR_ADAPTER_DEFAULTS } from '../src/engine/prior';
import { selectBackend, type BackendChoice } from '../src/main/engine-host/backend-select';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
};
const num = (name: string, def: number) => Number(arg(name, String(def)));
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function psnr(a: Float32Array, b: Float32Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  // Values in [-1, 1]: peak-to-peak 2.
  return 10 * Math.log10(4 / (se / a.length));
}

async function ops(tf: typeof tfn): Promise<void> {
  const { model } = loadPriorModelFile(tf, new Uint8Array(readFileSync(arg('model', 'resources/models/default-prior.plxm'))), 'prior');
  const prior = imagePrior(model);
  const cond = priorCondition(PRIOR_ADAPTER_DEFAULTS.elevationForAzimuthOnly, 0);
  const time = (label: string, n: number, f: () => void | Promise<void>) => async () => {
    for (let i = 0; i < 3; i++) await f();
    const c0 = cpuMs(); const t0 = performance.now();
    for (let i = 0; i < n; i++) await f();
    console.log(`${label.padEnd(44)} cpu ${((cpuMs() - c0) / n).toFixed(1).padStart(7)} ms   wall ${((performance.now() - t0) / n).toFixed(1).padStart(7)} ms`);
  };
  const x = tf.randomNormal([1, 32, 32, 3]);
  await time('guided denoiser (2 UNet calls, batch 1)', 10, async () => {
    const p = await guidedPrediction(tf, prior, x, 500, [cond], 3);
    tf.dispose([p.x0, p.eps]);
  })();
  const z = tf.randomNormal([1024, 128]) as tfn.Tensor2D; const b = tf.randomNormal([128]); const dy = tf.randomNormal([1024, 128]);
  const grad = (f: (zz: tfn.Tensor, bb: tfn.Tensor) => tfn.Tensor) => () => { tf.dispose(tf.grads((zz, bb) => tf.sum(tf.mul(f(zz, bb), dy)))([z, b])); };
  await time('sin(30 (z + b)) fwd+bwd [1024,128], tf ops', 30, grad((zz, bb) => tf.sin(tf.mul(tf.add(zz, bb), 30))))();
  await time('sin(30 (z + b)) fwd+bwd [1024,128], sineLayer', 30, grad((zz, bb) => sineLayer(tf, zz as tfn.Tensor2D, bb, 30)))();
  for (const [layers, hidden] of [[3, 128], [3, 64], [2, 64], [3, 32]]) {
    const rep = siren(tf, { layers, hidden, cond, zeroLastLayer: false });
    const target = [tf.randomNormal([32, 32, 3])];
    const views = rep.sampleViews(() => 0, 1);
    await time(`inner Adam iteration, SIREN ${layers}x${hidden}`, 40, () => { fitViewsReport(tf, rep, views, target, { solver: 'adam', iterations: 10, lr: null }); })();
    console.log('   (the line above is 10 iterations + one loss read; divide by 10)');
    rep.dispose(); tf.dispose(target);
  }
  tf.dispose([x, z, b, dy]);
}

async function sample(tf: typeof tfn): Promise<void> {
  const file = arg('model', 'resources/models/default-prior.plxm');
  const { model, checksum } = loadPriorModelFile(tf, new Uint8Array(readFileSync(file)), file);
  const prior = imagePrior(model);
  const cond = priorCondition(PRIOR_ADAPTER_DEFAULTS.elevationForAzimuthOnly, 0);
  const seed = num('seed', 0);
  const sampler = { kind: 'ddim' as const, steps: num('steps', 50), eta: 1, temperature: 1, spacing: 'trailing' as const, clipX0: 1 };
  const guidance = num('guidance', 3);
  const ref = pixelGrid(tf, { cond });
  await sampleDdrep(tf, ref, prior, { sampler, guidance, seed, inner: { solver: 'closed-form', iterations: 0, lr: null } });
  const refImg = ref.parameters[0].dataSync() as Float32Array;
  const layers = num('layers', 3); const hidden = num('hidden', 128);
  const inner = { solver: 'adam' as const, iterations: num('inner', 200), lr: Number(arg('lr', '0.001')), tolerance: num('tol', 0) };
  const rep = siren(tf, { layers, hidden, cond, seed: seed + 1 });
  const per: { t: number; un: number; it: number }[] = [];
  const c0 = cpuMs(); const t0 = performance.now();
  const stats = await sampleDdrep(tf, rep, prior, { sampler, guidance, seed, inner }, {
    onStep: (s) => { per.push({ t: s.t, un: s.unachieved, it: s.innerIterations ?? 0 }); },
  });
  const cpu = (cpuMs() - c0) / 1000; const wall = (performance.now() - t0) / 1000;
  const img = rep.render(rep.sampleViews(() => 0, 1)[0]);
  const p = psnr(img.dataSync() as Float32Array, refImg);
  img.dispose();
  const its = per.reduce((a, s) => a + s.it, 0);
  const un = per.map((s) => s.un);
  const sorted = [...un].sort((a, b) => a - b);
  console.log(`prior ${file} (${checksum}); SIREN ${layers}x${hidden}, inner ${JSON.stringify(inner)}, ${sampler.steps} steps, w ${guidance}, seed ${seed}`);
  console.log(`  wall ${wall.toFixed(1)} s, cpu ${cpu.toFixed(1)} s, denoiser calls ${stats.denoiserCalls}, inner iterations ${its} (${(its / per.length).toFixed(1)} per step)`);
  console.log(`  unachieved fraction: median ${sorted[Math.floor(sorted.length / 2)].toFixed(3)}, max ${sorted[sorted.length - 1].toFixed(3)}, last ${un[un.length - 1].toFixed(3)}`);
  console.log(`  per step (t: unachieved/iterations): ${per.filter((_, i) => i % 5 === 0 || i === per.length - 1).map((s) => `${s.t}: ${s.un.toFixed(3)}/${s.it}`).join(', ')}`);
  console.log(`  PSNR(SIREN sample, pixel-grid DDRep from the same seed) = ${p.toFixed(2)} dB`);
  rep.dispose(); ref.dispose();
}

async function main(): Promise<void> {
  const { tf, backend } = await selectBackend(arg('backend', 'wasm') as BackendChoice);
  console.log(`backend ${backend}`);
  if (process.argv.includes('--ops')) await ops(tf);
  else await sample(tf);
}

void main();
