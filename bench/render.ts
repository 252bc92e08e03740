// Render benchmark: rays per second for volume rendering forward and forward+backward with a
// small MLP field, on every TensorFlow.js backend available here.
//   npx tsx bench/render.ts [--rays 1024] [--samples 64] [--hidden 32] [--seconds 2] [--backends cpu,wasm,webgpu]
import { pathToFileURL } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/main/engine-host/backend-select';
import type { BackendName } from '../src/main/engine-host/backend-select';
import { renderRays } from '../src/engine/render';
import { tinyMlpField, tinyMlpInit } from '../src/engine/render/test-field';

export interface RenderBenchOptions {
  rays: number;
  samples: number;
  hidden: number;
  /** Minimum measuring time per row (after one warm-up run). */
  seconds: number;
  backends: BackendName[];
}

export const RENDER_BENCH_DEFAULTS: RenderBenchOptions = {
  rays: 1024, samples: 64, hidden: 32, seconds: 2, backends: ['tensorflow', 'webgpu', 'wasm', 'cpu'],
};

export interface RenderBenchRow {
  backend: BackendName;
  adapter: string;
  forwardRaysPerSecond: number | null;
  trainRaysPerSecond: number | null;
  note: string;
}

async function timeIt(run: () => Promise<void>, seconds: number): Promise<number> {
  await run(); // warm-up: shader compilation, wasm memory growth
  let reps = 0;
  const start = performance.now();
  while (reps < 2 || performance.now() - start < seconds * 1000) {
    await run();
    reps++;
  }
  return (performance.now() - start) / 1000 / reps;
}

async function benchBackend(name: BackendName, o: RenderBenchOptions): Promise<RenderBenchRow> {
  let sel;
  try {
    sel = await selectBackend(name);
  } catch (err) {
    const reason = (err as Error).message.replace(/^backend '\w+' is unavailable: /, '');
    return { backend: name, adapter: '-', forwardRaysPerSecond: null, trainRaysPerSecond: null, note: `unavailable: ${reason}` };
  }
  const tf = sel.tf;
  const init = tinyMlpInit(o.hidden, 1);
  const params = [
    tf.tensor2d(init.w1, [3, o.hidden]), tf.tensor1d(init.b1), tf.tensor2d(init.w2, [o.hidden, 4]), tf.tensor1d(init.b2),
  ];
  const n = o.rays;
  const origins = tf.tidy(() => tf.tensor2d([0.2, 0.1, 3], [1, 3]).tile([n, 1]) as tf.Tensor2D);
  const directions = tf.tidy(() => {
    const d = tf.randomNormal([n, 3], 0, 0.2, 'float32', 5).add(tf.tensor2d([0, 0, -1], [1, 3]));
    return d.div(d.norm('euclidean', 1, true)) as tf.Tensor2D;
  });
  const target = tf.randomUniform([n, 3], 0, 1, 'float32', 6);
  const opts = { near: 1, far: 5, samples: o.samples, training: true, seed: 1 };
  const field = (ps: tf.Tensor[]) => tinyMlpField(tf, { w1: ps[0], b1: ps[1], w2: ps[2], b2: ps[3] } as never);
  const forward = async () => {
    const rgb = tf.tidy(() => renderRays(tf, field(params), { origins, directions }, opts).rgb);
    await rgb.data();
    rgb.dispose();
  };
  const train = async () => {
    const grads = tf.tidy(() => tf.grads((...ps: tf.Tensor[]) =>
      renderRays(tf, field(ps), { origins, directions }, opts).rgb.sub(target).square().mean() as tf.Scalar)(params));
    await Promise.all(grads.map((g) => g.data()));
    tf.dispose(grads);
  };
  const before = tf.memory().numTensors;
  const fwd = await timeIt(forward, o.seconds);
  const trn = await timeIt(train, o.seconds);
  const leaked = tf.memory().numTensors - before;
  tf.dispose([...params, origins, directions, target]);
  return {
    backend: name, adapter: sel.adapter, forwardRaysPerSecond: n / fwd, trainRaysPerSecond: n / trn,
    note: leaked === 0 ? '' : `leaked ${leaked} tensors`,
  };
}

function formatTable(rows: RenderBenchRow[], o: RenderBenchOptions): string {
  const fmt = (v: number | null) => (v === null ? '-' : Math.round(v).toLocaleString('en-US'));
  const header = ['backend', 'adapter', 'forward rays/s', 'fwd+bwd rays/s', 'note'];
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
  const body = rows.map((r) => [r.backend, short(r.adapter), fmt(r.forwardRaysPerSecond), fmt(r.trainRaysPerSecond), short(r.note)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [
    `render bench: ${o.rays} rays x ${o.samples} samples, MLP 3-${o.hidden}-4 field, stratified (training) sampling`,
    line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line),
    ...rows.filter((r) => r.note.length > 60 || r.adapter.length > 60).map((r) => `${r.backend}: ${r.adapter} ${r.note}`),
  ].join('\n');
}

/** Run the benchmark on each backend, print the table, return the rows. */
export async function runRenderBench(options: Partial<RenderBenchOptions> = {}): Promise<RenderBenchRow[]> {
  const o = { ...RENDER_BENCH_DEFAULTS, ...options };
  const rows: RenderBenchRow[] = [];
  for (const b of o.backends) rows.push(await benchBackend(b, o));
  console.log(formatTable(rows, o));
  return rows;
}

function parseArgs(argv: string[]): Partial<RenderBenchOptions> {
  const out: Partial<RenderBenchOptions> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--rays') out.rays = Number(value);
    else if (key === '--samples') out.samples = Number(value);
    else if (key === '--hidden') out.hidden = Number(value);
    else if (key === '--seconds') out.seconds = Number(value);
    else if (key === '--backends') out.backends = value.split(',') as BackendName[];
    else throw new Error(`bench/render.ts: unknown argument ${key}`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRenderBench(parseArgs(process.argv.slice(2))).then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
}
