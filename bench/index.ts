// `npm run bench`: runs each benchmark in its own process (so one backend's global state
// cannot skew another's figures) and lets each print its table.
//   npm run bench                      all of them
//   npm run bench -- render recon      a selection
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = {
  render: 'render.ts', // rays/s, render forward and forward+backward, per backend
  recon: 'recon.ts', // reconstruction it/s and rays/s per stage, short-fit PSNR
  mesh: 'mesh.ts', // marching cubes, decimation and GLB write times
  dfm: 'dfm.ts', // DFM denoiser forward and one 50-step DDIM sample
  poses: 'poses.ts', // COLMAP pose estimation: 20 photos and 64 video frames of the beer-can capture
  splats: 'splats.ts', // splat rasterizer forward+backward ms per image, 1 and 2 threads
  'ddrep-siren': 'ddrep-siren.ts', // one DDRep SIREN sample: CPU/wall s, inner iterations, PSNR vs the exact pixel-grid run (--ops: per-call costs)
  'splat-viewer': 'splat-viewer.ts', // viewer frame rate, 200k splats at 1280x720, headless Chromium (software WebGL)
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : Object.keys(BENCHES);
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
let failures = 0;
for (const name of names) {
  console.log(`\n=== bench: ${name} ===`);
  const script = fileURLToPath(new URL(`./${BENCHES[name]}`, import.meta.url));
  const run = spawnSync(tsx, [script], { stdio: 'inherit' });
  if (run.status !== 0) {
    failures += 1;
    console.error(`bench ${name} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failures > 0 ? 1 : 0);
