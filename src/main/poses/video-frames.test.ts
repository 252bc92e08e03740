// Video -> the N sharpest frames spread over it, with the real ffmpeg on 4 s of Beer.mp4.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool } from '../external-tools';
import { BEER_CAN, haveBeerCan, tempDir } from './test-helpers';
import { extractVideoFrames } from './video-frames';

let root = '';
afterAll(async () => { if (root) await fs.rm(root, { recursive: true, force: true }); });

describe.skipIf(!haveBeerCan)('extractVideoFrames (real ffmpeg)', () => {
  it('keeps one sharp frame per equal time window, downscaled', async () => {
    root = await tempDir('video-frames-');
    const ffmpeg = await findTool('ffmpeg');
    const clip = path.join(root, 'clip.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-i', path.join(BEER_CAN, 'Beer.mp4'), '-t', '4', '-an', '-c', 'copy', clip]);
    const seen: string[] = [];
    const v = await extractVideoFrames(ffmpeg, clip, path.join(root, 'frames'), 6, 320, (_d, _t, m) => seen.push(m));
    expect(v.files.length).toBe(6);
    expect(v.candidates).toBe(24);
    expect(v.duration).toBeGreaterThan(3.5);
    const times = v.files.map((f) => Number(/_t([\d.]+)s\.jpg$/.exec(f)![1]));
    // Frame k comes from window k of the video: [k, k+1) * duration / 6.
    times.forEach((t, k) => {
      expect(t).toBeGreaterThanOrEqual((k * v.duration) / 6 - 0.2);
      expect(t).toBeLessThanOrEqual(((k + 1) * v.duration) / 6 + 0.2);
    });
    const meta = await sharp(path.join(v.dir, v.files[0])).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    expect(seen[seen.length - 1]).toBe('chose 6 sharpest frames out of 24');
    expect((await fs.readdir(path.join(root, 'frames'))).sort()).toEqual(['chosen']);
  });
});
