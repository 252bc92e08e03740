// Look at what the image prior has learned: DDIM samples (with CFG) around the azimuth circle next to held-out
// renders of the category, as PNG grids (4x nearest upscaling).
//
//   npx tsx scripts/sample-prior.ts [--model resources/models/default-prior.plxm] [--out /tmp/prior-samples]
//        [--n 16] [--steps 50] [--guidance 1,3] [--seed 0] [--elevation 17.5] [--backend wasm]
//
// Writes <out>/samples-w<g>.png (sample i conditioned on azimuth 360 i / n degrees, elevation --elevation),
// <out>/held-out.png (n held-out renders, prior/data.ts heldOutImages) and prints the model's provenance.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { heldOutImages, imagePrior, loadPriorModelFile, priorCondition, samplePrior } from '../src/engine/prior';
import { writePng } from '../src/main/capture-io/png';
import { selectBackend, type BackendChoice } from '../src/main/engine-host/backend-select';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};

/** [N, R, R, 3] in [-1, 1] -> one RGB image, `cols` per row, each tile upscaled `scale`x with 1-pixel gaps. */
function grid(values: Float32Array, n: number, r: number, cols: number, scale: number): { width: number; height: number; data: Float32Array } {
  const rows = Math.ceil(n / cols);
  const tile = r * scale + 1;
  const width = cols * tile + 1; const height = rows * tile + 1;
  const data = new Float32Array(width * height * 3).fill(0.5);
  for (let i = 0; i < n; i++) {
    const ox = (i % cols) * tile + 1; const oy = Math.floor(i / cols) * tile + 1;
    for (let y = 0; y < r * scale; y++) {
      for (let x = 0; x < r * scale; x++) {
        const src = ((i * r + Math.floor(y / scale)) * r + Math.floor(x / scale)) * 3;
        const dst = ((oy + y) * width + ox + x) * 3;
        for (let c = 0; c < 3; c++) data[dst + c] = Math.min(1, Math.max(0, (values[src + c] + 1) / 2));
      }
    }
  }
  return { width, height, data };
}

async function main(): Promise<void> {
  const file = arg('model', 'resources/models/default-prior.plxm');
  const out = arg('out', '/tmp/prior-samples');
  const n = Number(arg('n', '16'));
  const steps = Number(arg('steps', '50'));
  const seed = Number(arg('seed', '0'));
  const elevation = (Number(arg('elevation', '17.5')) * Math.PI) / 180;
  const guidances = arg('guidance', '1,3').split(',').map(Number);
  mkdirSync(out, { recursive: true });
  const { tf, backend } = await selectBackend(arg('backend', 'wasm') as BackendChoice);
  const { model, provenance, checksum } = loadPriorModelFile(tf, new Uint8Array(readFileSync(file)), file);
  console.log(`${file} (${checksum}, backend ${backend}): ${JSON.stringify(provenance)}`);
  const R = model.config.unet.imageSize;
  const conds = Array.from({ length: n }, (_, i) => priorCondition(elevation, (2 * Math.PI * i) / n));
  const prior = imagePrior(model);
  for (const w of guidances) {
    const t0 = Date.now();
    const x = await samplePrior(tf, prior, conds, { size: R, seed, guidance: w, sampler: { kind: 'ddim', steps, eta: 0, temperature: 1, spacing: 'trailing', clipX0: 1 } });
    const values = x.dataSync() as Float32Array;
    x.dispose();
    const target = path.join(out, `samples-w${w}.png`);
    await writePng(target, grid(values, n, R, 8, 4));
    console.log(`${target}: ${n} samples, guidance ${w}, ${steps} DDIM steps, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const ref = heldOutImages(n, seed, { resolution: R });
  await writePng(path.join(out, 'held-out.png'), grid(ref.images, n, R, 8, 4));
  console.log(`${path.join(out, 'held-out.png')}: ${n} held-out renders`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
