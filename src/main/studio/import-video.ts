// Video captures: a phone video of an object or a place, imported as one file in a capture of
// format 'video' (no images, no poses yet). It is not decoded into frames at import: which
// frames to keep (the sharpest N, spread over the video) is a setting of the poses job, so the
// artist can re-run it with another count without importing again. At import, ffprobe checks that
// the file is a video ffmpeg can decode (when ffprobe is installed) and ffmpeg makes a thumbnail.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { StudioError } from '../../shared';
import type { WorkspaceItem } from '../../shared';
import { isArchiveJunk } from '../capture-io';
import type { Workspace } from '../workspace';

const run = promisify(execFile);
export const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.m4v', '.webm'];
export const isVideoName = (name: string) => VIDEO_EXTENSIONS.includes(extname(name).toLowerCase());
const PROBE_TIMEOUT_MS = 30_000;

/** The one video file in a folder (a video capture's root), or null when the folder holds anything else. */
export async function soleVideo(dir: string): Promise<string | null> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((d) => !isArchiveJunk(d.name));
  return names.length === 1 && names[0].isFile() && isVideoName(names[0].name) ? join(dir, names[0].name) : null;
}

/** The video of a video capture's root folder; a clear error naming the folder when it is missing. */
export async function videoFileOf(root: string, field: string): Promise<string> {
  const names = await readdir(root).catch(() => [] as string[]);
  const video = names.find(isVideoName);
  if (!video) throw new StudioError('conflict', `the video capture is damaged: no video file (${VIDEO_EXTENSIONS.join(', ')}) in ${root}`, field);
  return join(root, video);
}

interface VideoFacts { width?: number; height?: number; seconds?: number; warning?: string }

/** Width, height and duration from ffprobe; a StudioError naming the file when ffprobe cannot decode it. */
async function probeVideo(file: string, field: string): Promise<VideoFacts> {
  let out: string;
  try {
    ({ stdout: out } = await run('ffprobe', [
      '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file,
    ], { timeout: PROBE_TIMEOUT_MS }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') return { warning: 'ffprobe is not installed: the video was not checked (install ffmpeg: sudo apt-get install ffmpeg)' };
    const detail = (e.stderr ?? e.message).trim().split('\n').pop() ?? 'unknown error';
    throw new StudioError('invalid-argument', `${basename(file)}: ffmpeg cannot decode this video (${detail})`, field);
  }
  const json = JSON.parse(out) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
  const stream = json.streams?.[0];
  if (!stream?.width || !stream.height) throw new StudioError('invalid-argument', `${basename(file)}: holds no video stream ffmpeg can decode`, field);
  const seconds = Number(json.format?.duration);
  return { width: stream.width, height: stream.height, seconds: Number.isFinite(seconds) ? seconds : undefined };
}

/** A 256-px PNG of the frame at a third of the video; null when ffmpeg is missing or fails. */
async function thumbnailOf(file: string, target: string, seconds: number | undefined): Promise<boolean> {
  const at = seconds ? (seconds / 3).toFixed(2) : '0';
  try {
    await run('ffmpeg', ['-v', 'error', '-y', '-ss', at, '-i', file, '-frames:v', '1', '-vf', 'scale=256:256:force_original_aspect_ratio=decrease', target], { timeout: PROBE_TIMEOUT_MS });
    return true;
  } catch {
    return false;
  }
}

export interface ImportVideoOptions { source: string; field: string; name: string; move: boolean }

export async function importVideoCapture(ws: Workspace, file: string, o: ImportVideoOptions): Promise<WorkspaceItem> {
  const facts = await probeVideo(file, o.field);
  const staging = await ws.createStaging('import');
  try {
    const root = join(staging, 'capture');
    await mkdir(root);
    const target = join(root, basename(file));
    const moved = o.move ? await rename(file, target).then(() => true, () => false) : false;
    if (!moved) await copyFile(file, target);
    const thumb = await thumbnailOf(target, join(staging, 'thumbnail.png'), facts.seconds);
    return await ws.commitItem('capture', o.name, staging, {
      format: 'video', root: 'capture', imageCount: 0, width: facts.width, height: facts.height,
      source: o.source, warnings: facts.warning ? [facts.warning] : [],
      ...(thumb ? { thumbnail: 'thumbnail.png' } : {}),
    });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}
