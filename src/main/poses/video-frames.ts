// Stage "frames": from a video, keep the N sharpest frames spread over its length.
// 1. Probe the duration (ffmpeg reads the container without decoding).
// 2. Decode candidates at ~4N frames over the video (fewer if the video has fewer frames),
//    downscaled to maxSize, as JPEG.
// 3. Split the candidates into N equal time windows and keep, in each, the frame with the
//    highest variance of the Laplacian (a standard focus measure: blur removes the high
//    frequencies the Laplacian responds to; Pech-Pacheco et al., ICPR 2000).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { runTool, ToolCancelledError, ToolFailedError } from '../external-tools';
import { PosesError } from './types';

const CANDIDATES_PER_FRAME = 4;
/** Side of the greyscale copy the focus measure is computed on (speed; ranking is what matters). */
const FOCUS_SIDE = 480;

export interface VideoFrames { dir: string; files: string[]; duration: number; candidates: number }

const DURATION = /Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)/;
const FRAME = /^frame=\s*(\d+)/;

function describeFailure(video: string, e: unknown): Error {
  if (e instanceof ToolCancelledError) return e;
  const tail = e instanceof ToolFailedError ? e.tail.filter((l) => !/^\s*(configuration|lib|built with|ffmpeg version|Copyright)/.test(l)) : [];
  const why = tail.length ? tail[tail.length - 1].trim() : e instanceof Error ? e.message : String(e);
  return new PosesError(`${video}: ffmpeg cannot decode this video (${why})`);
}

/** Variance of the 4-neighbour Laplacian over a greyscale image [h*w]. */
export function laplacianVariance(g: Uint8Array, w: number, h: number): number {
  let sum = 0, sum2 = 0, n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const l = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
      sum += l; sum2 += l * l; n++;
    }
  }
  return n ? sum2 / n - (sum / n) ** 2 : 0;
}

async function focus(file: string): Promise<number> {
  const { data, info } = await sharp(file).greyscale().resize({ width: FOCUS_SIDE, height: FOCUS_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw().toBuffer({ resolveWithObject: true });
  return laplacianVariance(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
}

/** Index of the sharpest candidate in each of `n` equal windows over `scores`. */
export function pickSharpest(scores: number[], n: number): number[] {
  const out: number[] = [];
  const m = scores.length;
  for (let k = 0; k < Math.min(n, m); k++) {
    const a = Math.floor((k * m) / Math.min(n, m));
    const b = Math.floor(((k + 1) * m) / Math.min(n, m));
    let best = a;
    for (let i = a + 1; i < b; i++) if (scores[i] > scores[best]) best = i;
    out.push(best);
  }
  return out;
}

export async function extractVideoFrames(
  ffmpeg: string, video: string, outDir: string, count: number, maxSize: number,
  onProgress: (done: number, total: number, message: string) => void, signal?: AbortSignal,
): Promise<VideoFrames> {
  let duration = 0;
  let frames = 0;
  try {
    await runTool(ffmpeg, ['-hide_banner', '-nostdin', '-i', video, '-map', '0:v:0', '-c', 'copy', '-f', 'null', '-'], {
      signal, label: 'ffmpeg',
      onLine: (l) => {
        const d = DURATION.exec(l);
        if (d) duration = Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]);
        const f = FRAME.exec(l.trim());
        if (f) frames = Number(f[1]);
      },
    });
  } catch (e) {
    throw describeFailure(video, e);
  }
  if (!(duration > 0) || frames === 0) throw new PosesError(`${video}: ffmpeg cannot decode this video (no video frames found)`);
  const wanted = Math.min(frames, count * CANDIDATES_PER_FRAME);
  const fps = wanted / duration;
  const candDir = path.join(outDir, 'candidates');
  await fs.mkdir(candDir, { recursive: true });
  const scale = `scale='if(gt(iw,ih),min(iw,${maxSize}),-2)':'if(gt(iw,ih),-2,min(ih,${maxSize}))'`;
  try {
    await runTool(ffmpeg, ['-hide_banner', '-nostdin', '-i', video, '-map', '0:v:0', '-vf', `fps=${fps.toFixed(6)},${scale}`, '-q:v', '2', path.join(candDir, '%06d.jpg')], {
      signal, label: 'ffmpeg',
      onLine: (l) => { const f = FRAME.exec(l.trim()); if (f) onProgress(Math.min(Number(f[1]), wanted), wanted, `decoding frame ${f[1]} of ~${wanted}`); },
    });
  } catch (e) {
    throw describeFailure(video, e);
  }
  const names = (await fs.readdir(candDir)).filter((n) => n.endsWith('.jpg')).sort();
  if (names.length === 0) throw new PosesError(`${video}: ffmpeg cannot decode this video (no frames decoded)`);
  const scores: number[] = [];
  for (const n of names) {
    if (signal?.aborted) throw new ToolCancelledError('frame selection');
    scores.push(await focus(path.join(candDir, n)));
    onProgress(scores.length, names.length, `sharpness of candidate ${scores.length}/${names.length}`);
  }
  const chosen = pickSharpest(scores, count);
  const dir = path.join(outDir, 'chosen');
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [k, i] of chosen.entries()) {
    // The name keeps the time so an artist can find the frame in the video.
    const t = (i + 0.5) / fps;
    const name = `frame_${String(k + 1).padStart(4, '0')}_t${t.toFixed(2)}s.jpg`;
    await fs.rename(path.join(candDir, names[i]), path.join(dir, name));
    files.push(name);
  }
  await fs.rm(candDir, { recursive: true, force: true });
  onProgress(files.length, count, `chose ${files.length} sharpest frames out of ${names.length}`);
  return { dir, files, duration, candidates: names.length };
}
