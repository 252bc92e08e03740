// Reconstruction benchmark: iterations/s and rays/s of the pure-TypeScript voxel-grid
// training step per coarse-to-fine stage, and held-out PSNR after a fixed short fit, on the
// procedural still life (the data module's demoScene, rendered like the bundled sample capture),
// with the trainer's ray batches marched on 1 and on 2 threads (NodeKernelPool; the 1-thread
// row runs in process). Steps/s of a stage include sparse Adam, which runs on the calling thread.
//   npx tsx bench/recon.ts [--threads 1,2]
import { evaluateScene, fitScene, type FitSchedule } from '../src/engine/recon';
import { standInCapture } from '../src/engine/recon/stand-in';
import { Trainer } from '../src/engine/recon/trainer';
import { FIT_PRESETS } from '../src/engine/recon/types';
import { NodeKernelPool } from '../src/main/engine-host/node-kernel-pool';

export interface ReconBenchRow {
  backend: string;
  stage: string;
  voxels: number;
  batchRays: number;
  itPerSec: number;
  raysPerSec: number;
  /** Process CPU time (all threads) per step: equal across thread counts when the parallel overhead is small. */
  cpuMsPerStep: number;
}

export interface ReconBenchResult {
  rows: ReconBenchRow[];
  shortFit: { steps: number; seconds: number; heldOutPsnr: number; heldOutSsim: number };
}

export async function runReconBench(options: { steps?: number; size?: number; threads?: number[] } = {}): Promise<ReconBenchResult> {
  const steps = options.steps ?? 40;
  const capture = standInCapture({ scene: 'demo', size: options.size ?? 100, train: 40, test: 8, supersample: 2, looseBounds: false });
  const base = FIT_PRESETS.draft;
  const rows: ReconBenchRow[] = [];
  // Train through the stages of the draft preset, timing the last `steps` steps of each.
  const schedule: FitSchedule = { ...base, stages: base.stages.map((s) => ({ ...s, steps: Math.max(s.steps, steps) })) };
  for (const threads of options.threads ?? [1, 2]) {
    const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
    try {
      const t = new Trainer(capture, { schedule, seed: 0, pool });
      for (let si = 0; si < schedule.stages.length; si++) {
        const end = t.stageStart(si) + schedule.stages[si].steps;
        while (t.step < end - steps) await t.trainStepAsync();
        const t0 = performance.now(), c0 = process.cpuUsage();
        while (t.step < end) await t.trainStepAsync();
        const sec = (performance.now() - t0) / 1000, cpu = process.cpuUsage(c0);
        rows.push({
          backend: `typescript (${threads} thread${threads > 1 ? 's' : ''})`, stage: `${si} (${t.grid.nx}x${t.grid.ny}x${t.grid.nz})`, voxels: schedule.stages[si].voxels,
          batchRays: schedule.batchRays, itPerSec: steps / sec, raysPerSec: (steps * schedule.batchRays) / sec,
          cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
        });
      }
    } finally {
      await pool?.dispose();
    }
  }
  const f0 = performance.now();
  const scene = await fitScene(capture, { preset: 'draft', seed: 0, minutes: 30, previewEverySteps: 0 }, {});
  const seconds = (performance.now() - f0) / 1000;
  const m = evaluateScene(scene, capture.views.filter((v) => v.split === 'test'));
  return { rows, shortFit: { steps: scene.info.steps, seconds, heldOutPsnr: m.psnr, heldOutSsim: m.ssim } };
}

function printResult(r: ReconBenchResult): void {
  console.log('reconstruction training step (procedural still life, 100x100, 40 train views)');
  console.log('backend                 | stage              | batch rays | steps/s | rays/s  | cpu ms/step');
  for (const row of r.rows) {
    console.log(`${row.backend.padEnd(23)} | ${row.stage.padEnd(18)} | ${String(row.batchRays).padStart(10)} | ${row.itPerSec.toFixed(2).padStart(7)} | ${Math.round(row.raysPerSec).toLocaleString('en-US').padStart(7)} | ${row.cpuMsPerStep.toFixed(0)}`);
  }
  const s = r.shortFit;
  console.log(`draft fit: ${s.steps} steps in ${s.seconds.toFixed(1)} s -> held-out PSNR ${s.heldOutPsnr.toFixed(2)} dB, SSIM ${s.heldOutSsim.toFixed(4)}`);
}

const isMain = typeof process !== 'undefined' && process.argv[1] && /bench[\\/]recon\.ts$/.test(process.argv[1]);
if (isMain) {
  const i = process.argv.indexOf('--threads');
  const threads = i >= 0 ? process.argv[i + 1].split(',').map(Number) : undefined;
  runReconBench({ threads }).then(printResult).catch((e) => { console.error(e); process.exit(1); });
}
export { printResult as printReconBench };
