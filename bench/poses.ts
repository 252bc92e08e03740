// Pose estimation time with the real COLMAP 3.8 (CPU) and ffmpeg, on the beer-can capture.
// Run: npx tsx bench/poses.ts [photos] [video]   (default both)
//   photos: 20 beer-can frames (every 3rd of 0..57), each scaled by 756/720 (a 5 % upscale: the
//           frames are 720x1280 portrait) and centre-cropped to 756x1008 PORTRAIT, posed with
//           the default options (exhaustive matching, max size 1600 so no further downscale).
//   video:  Beer.mp4 -> 64 frames, sequential matching. Beer.mp4 is 720x1280 portrait at 30 fps
//           (23.5 s): the figure is for its native resolution (no upscaling).
//   video1080: the issue's size. Beer.mp4's 16:9 band around the can (720x405 from y = 440) scaled to
//           1920x1080 and re-encoded (H.264, not timed), then 64 frames posed with the defaults
//           (max size 1600, so COLMAP sees 1600x900). Upscaled content: fewer distinct features than
//           a real 1080p phone video, so matching may run faster than it would there.
// The machine's load average is printed: other jobs on the 2 cores slow COLMAP down.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { findTool, runTool } from '../src/main/external-tools';
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
    if (want('video1080')) {
      const video = path.join(root, 'beer-1080p.mp4');
      await runTool(await findTool('ffmpeg'), ['-loglevel', 'error', '-i', path.join(BEER_CAN, 'Beer.mp4'),
        '-vf', 'crop=720:405:0:440,scale=1920:1080', '-c:v', 'libx264', '-crf', '18', '-an', video]);
      print(await timed('Beer.mp4 band 1920x1080 (upscaled), 64 frames', video, path.join(root, 'video1080-out'), { frames: 64 }));
    }
  } finally {
    console.log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
