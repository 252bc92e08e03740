// Video captures: a real MP4 (made with ffmpeg) imports as a 'video' capture with its size and a
// thumbnail; a file named .mp4 that is not a video is refused naming the file; the poses job
// resolves to the video file, Reconstruct refuses a video, and poses refuses an already posed capture.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSpecSchema, StudioError } from '../../shared';
import { resolveTask } from '../jobs/job-tasks';
import { Workspace } from '../workspace';
import { importCaptureFolder } from './import-capture';
import { importCaptureRequest } from './import-upload';

const hasFfmpeg = (() => { try { execFileSync('ffprobe', ['-version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
if (!hasFfmpeg) console.warn('import-video tests skipped: ffmpeg is not installed (sudo apt-get install ffmpeg)');

let dir = '';
let ws: Workspace;
let video = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'px-video-'));
  ws = await Workspace.open(join(dir, 'ws'));
  video = join(dir, 'turntable clip.mp4');
  if (hasFfmpeg) execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '1', '-pix_fmt', 'yuv420p', video]);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe.skipIf(!hasFfmpeg)('video import', () => {
  it('imports an MP4 as a video capture, copying the file and making a thumbnail', async () => {
    const item = await importCaptureRequest(ws, { path: video });
    expect(item.status).toBe('ok');
    if (item.status !== 'ok' || item.manifest.kind !== 'capture') return;
    expect(item.manifest).toMatchObject({ format: 'video', root: 'capture', imageCount: 0, width: 160, height: 120, thumbnail: 'thumbnail.png', name: 'turntable clip' });
    const folder = ws.itemDir('capture', item.id);
    expect(await readdir(join(folder, 'capture'))).toEqual(['turntable clip.mp4']);
    expect(existsSync(join(folder, 'thumbnail.png'))).toBe(true);
    expect(existsSync(video)).toBe(true); // the user's file is copied, never moved

    const task = await resolveTask(ws, JobSpecSchema.parse({ kind: 'poses', captureId: item.id, frames: 24 }));
    expect(task.runner).toBe('poses');
    expect(task.params).toMatchObject({ source: join(folder, 'capture', 'turntable clip.mp4'), frames: 24, sourceId: item.id, captureName: 'turntable clip (posed)' });
    const fit = await resolveTask(ws, JobSpecSchema.parse({ kind: 'fit', captureId: item.id })).catch((e) => e);
    expect(fit).toBeInstanceOf(StudioError);
    expect(fit.field).toBe('captureId');
    expect(fit.message).toMatch(/video without camera poses: estimate camera poses first/);
  });

  it('refuses a .mp4 that is not a video, naming the file, and creates nothing', async () => {
    const fake = join(dir, 'holiday.mp4');
    await writeFile(fake, 'this is not a video');
    const before = await ws.listItems('capture');
    const err = await importCaptureRequest(ws, { path: fake }).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.field).toBe('path');
    expect(err.message).toMatch(/^holiday\.mp4: ffmpeg cannot decode this video/);
    expect(await ws.listItems('capture')).toHaveLength(before.length);
  });
});

describe('poses job inputs', () => {
  it('a capture that already has poses is refused, naming captureId', async () => {
    const item = await importCaptureFolder(ws, resolve('resources/sample-capture'), 'Sample');
    const err = await resolveTask(ws, JobSpecSchema.parse({ kind: 'poses', captureId: item.id })).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.field).toBe('captureId');
    expect(err.message).toMatch(/already has camera poses/);
  });
});
