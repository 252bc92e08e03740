// Fit a capture and print held-out PSNR / SSIM and wall time.
//   npx tsx scripts/fit-check.ts --stand-in busy-toy|demo [--preset standard] [--minutes 10] [--seed 0]
//   npx tsx scripts/fit-check.ts --folder resources/sample-capture [--preset standard]
//   (--schedule '{"batchRays":2048}' overrides preset fields; --size N changes the stand-in resolution,
//   --test N its held-out view count; --threads N marches on N threads, default all)
import { openCaptureFolder } from '../src/main/capture-io';
import { evaluateScene, fitScene, type FitPreset } from '../src/engine/recon';
import { standInCapture } from '../src/engine/recon/stand-in';
import type { Capture } from '../src/engine/data/types';
import { NodeKernelPool, defaultThreads } from '../src/main/engine-host/node-kernel-pool';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const folder = arg('folder');
  const capture: Capture = folder
    ? await openCaptureFolder(folder)
    : standInCapture({ scene: (arg('stand-in', 'busy-toy') as 'busy-toy' | 'demo'), size: Number(arg('size', '100')), test: Number(arg('test', '8')) });
  const train = capture.views.filter((v) => v.split === 'train');
  const test = capture.views.filter((v) => v.split === 'test');
  const w = train[0].image.width, h = train[0].image.height;
  console.log(`capture: ${folder ?? 'stand-in ' + arg('stand-in', 'busy-toy')} ${w}x${h}, ${train.length} train / ${test.length} test views, aabb ${JSON.stringify(capture.aabb)}, loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const preset = arg('preset', 'standard') as FitPreset;
  const minutes = Number(arg('minutes', '10'));
  const threads = Number(arg('threads', String(defaultThreads())));
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  const t1 = performance.now();
  const scene = await fitScene(capture, { preset, minutes, seed: Number(arg('seed', '0')), previewEverySteps: 0, schedule: JSON.parse(arg('schedule', '{}') as string) }, {
    onProgress: (p) => {
      if (p.step % 100 === 0 || p.step === p.total) {
        console.log(`step ${p.step}/${p.total} stage ${p.losses.stage} train-psnr ${p.losses.psnr.toFixed(2)} t=${p.losses.seconds.toFixed(0)}s eta ${p.etaSeconds?.toFixed(0)}s`);
      }
    },
    pool,
  }).finally(() => pool?.dispose());
  const fitSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const m = evaluateScene(scene, test.length > 0 ? test : train.slice(0, 4));
  const evalSeconds = (performance.now() - t2) / 1000;
  console.log(`preset ${preset}, ${threads} thread(s): ${scene.info.steps} steps (${scene.info.stopReason}), grid ${scene.resolution.join('x')}, fit ${fitSeconds.toFixed(1)} s`);
  console.log(`held-out PSNR ${m.psnr.toFixed(2)} dB, SSIM ${m.ssim.toFixed(4)} over ${test.length} views (eval ${evalSeconds.toFixed(1)} s)`);
}

main().catch((e) => { console.error(e); process.exit(1); });
