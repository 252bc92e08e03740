// Pose estimation time with the real COLMAP 3.8 (CPU) and ffmpeg, on the beer-can capture.
// Run: npx tsx bench/poses.ts [photos] [video]   (default both)
//   photos: 20 beer-can frames (every 3rd of 0..57), each scaled by 756/720 (a 5 % upscale: the
//           frames are 720x1280 portrait) and centre-cropped to 756x1008 PORTRAIT, posed with
//           the default options (exhaustive matching, max size 1600 so no further downscale).
//   video:  Beer.mp4 -> 64 frames, sequential matching. Beer.mp4 is 720x1280 portrait at 30 fps
//           (23.5 s), NOT 1920x1080: the figure is for its native resolution (no upscaling).
// The machine's load average is printed: other jobs on the 2 cores slow COLMAP down.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { estimatePoses } from '../src/main/poses';
import type { PosesProgress, PosesResult } from '../src/main/poses';
import { BEER_CAN, haveBeerCan } from '../src/main/poses/test-helpers';

interface Row { case: string; result: PosesResult; stages: Record<string, number> }

async function timed(name: string, source: string, outDir: string, extra: { frames?: number; maxSize?: number }): Promise<Row> {
  const stageStart: Record<string, number> = {};
  const t0 = Date.now();
  const onProgress = (p: PosesProgress) => { if (!(p.stage in stageStart)) stageStart[p.stage] = Date.now(); };
  const result = await estimatePoses({ source, outDir, ...extra, onProgress });
  const order = Object.entries(stageStart).sort((a, b) => a[1] - b[1]);
  const stages: Record<string, number> = {};
  order.forEach(([s, t], i) => { stages[s] = ((i + 1 < order.length ? order[i + 1][1] : t0 + result.seconds * 1000) - t) / 1000; });
  return { case: name, result, stages };
}

function print(r: Row): void {
  const n = r.result.registered.length + r.result.unregistered.length;
  console.log(`${r.case}: ${r.result.seconds.toFixed(1)} s, registered ${r.result.registered.length}/${n}, `
    + `mean reprojection error ${r.result.meanReprojectionError.toFixed(3)} px, ${r.result.points} points, matcher ${r.result.matcher}`);
  console.log(`  stages (s): ${Object.entries(r.stages).map(([s, t]) => `${s} ${t.toFixed(1)}`).join(', ')}`);
  if (r.result.unregistered.length) console.log(`  not registered: ${r.result.unregistered.join(', ')}`);
}

async function main(): Promise<void> {
  if (!haveBeerCan) { console.log(`bench poses: ${BEER_CAN} is missing; nothing to measure`); return; }
  const which = process.argv.slice(2);
  const want = (k: string) => which.length === 0 || which.includes(k);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-poses-'));
  console.log(`cpus ${os.cpus().length}, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  try {
    if (want('photos')) {
      const src = path.join(root, 'photos');
      await fs.mkdir(src);
      for (let k = 0; k < 20; k++) {
        const name = `${String(3 * k).padStart(4, '0')}.jpg`;
        await sharp(path.join(BEER_CAN, 'images', name)).resize({ width: 756 }).extract({ left: 0, top: 168, width: 756, height: 1008 })
          .jpeg({ quality: 95 }).toFile(path.join(src, name));
      }
      print(await timed('20 photos 756x1008 (portrait)', src, path.join(root, 'photos-out'), {}));
    }
    if (want('video')) {
      print(await timed('Beer.mp4 720x1280, 64 frames', path.join(BEER_CAN, 'Beer.mp4'), path.join(root, 'video-out'), { frames: 64 }));
    }
  } finally {
    console.log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
