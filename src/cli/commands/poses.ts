// parallax poses <photos-folder | photos.zip | video-file> --out <captureDir>
//   [--matcher auto|exhaustive|sequential] [--max-size 1600] [--frames N]
// Camera poses with COLMAP (and ffmpeg for video), written as a capture folder that `fit` reads.
import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ToolCancelledError } from '../../main/external-tools';
import { ESTIMATE_POSES_DEFAULTS, estimatePoses } from '../../main/poses';
import type { PosesProgress } from '../../main/poses';
import { UsageError, numberFlag, onePositional, parse } from '../args';
import type { Log } from '../log';
import { formatDuration, ProgressBar } from '../progress';
import { RunFailed } from '../run-direct';

export const POSES_HELP = `parallax poses <photos-folder | photos.zip | video-file> --out <captureDir> [options]

Estimate camera poses for unposed photos or a video with COLMAP (CPU SIFT) and write a capture
folder: transforms.json (nerfstudio), undistorted images/, sparse_points.ply. Files that are not
readable images are skipped and listed. Needs \`colmap\` (and \`ffmpeg\` for video) on PATH or in
$PARALLAX_COLMAP / $PARALLAX_FFMPEG. Ctrl-C cancels and leaves nothing at --out.

  --out <dir>        capture folder to write (created with its parents; must not exist or be empty)
  --matcher <M>      auto | exhaustive | sequential (default auto: exhaustive for up to
                     ${ESTIMATE_POSES_DEFAULTS.exhaustiveUpTo} photos, sequential for video frames and larger sets)
  --max-size <PX>    downscale images to this longest side (default ${ESTIMATE_POSES_DEFAULTS.maxSize})
  --frames <N>       video: keep the N sharpest frames spread over it (default ${ESTIMATE_POSES_DEFAULTS.frames})`;

async function refuseNonEmpty(out: string): Promise<void> {
  const st = await stat(out).catch(() => null);
  if (!st) return;
  if (!st.isDirectory() || (await readdir(out)).length > 0) throw new UsageError(`--out: "${out}" exists and is not an empty folder`);
}

export async function posesCommand(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' }, matcher: { type: 'string' }, 'max-size': { type: 'string' }, frames: { type: 'string' },
  }, 'poses');
  if (values.help) { log.result(POSES_HELP); return 0; }
  const source = resolve(onePositional(positionals, 'photos folder, zip or video', 'poses'));
  if (!values.out) throw new UsageError('parallax poses: --out <captureDir> is required');
  const matcher = values.matcher ?? 'auto';
  if (matcher !== 'auto' && matcher !== 'exhaustive' && matcher !== 'sequential') {
    throw new UsageError(`--matcher: expected auto|exhaustive|sequential, got "${matcher}"`);
  }
  const out = resolve(values.out);
  await refuseNonEmpty(out);
  const maxSize = numberFlag(values['max-size'], 'max-size', { min: 64, max: 16384, integer: true });
  const frames = numberFlag(values.frames, 'frames', { min: 3, max: 2000, integer: true });

  const ac = new AbortController();
  // One progress line per stage; held in an object so the closures below see its updates.
  const ui: { bar: ProgressBar | null } = { bar: null };
  const onSigint = () => {
    if (ac.signal.aborted) return;
    ui.bar?.done();
    log.info('cancelling: stopping COLMAP…');
    ac.abort();
  };
  let stage: PosesProgress['stage'] | null = null;
  const onProgress = (p: PosesProgress) => {
    if (p.stage !== stage) { ui.bar?.done(); stage = p.stage; ui.bar = new ProgressBar(`poses ${p.stage}`); }
    ui.bar!.update({ step: p.done, total: p.total, losses: {}, etaSeconds: p.etaSeconds, message: p.message });
  };
  process.on('SIGINT', onSigint);
  try {
    const r = await estimatePoses({ source, outDir: out, matcher, maxSize, frames, signal: ac.signal, onProgress });
    ui.bar?.done();
    for (const w of r.warnings) log.info(`warning: ${w}`);
    const total = r.registered.length + r.unregistered.length;
    const skipped = r.skipped.length ? `; skipped ${r.skipped.length}: ${r.skipped.map((s) => s.file).join(', ')}` : '';
    const missing = r.unregistered.length ? `; not registered: ${r.unregistered.join(', ')}` : '';
    log.result(`poses done in ${formatDuration(r.seconds)} (${r.matcher} matching): registered ${r.registered.length}/${total} images, `
      + `mean reprojection error ${r.meanReprojectionError.toFixed(3)} px, ${r.points} sparse points${missing}${skipped} -> ${out}`);
    return 0;
  } catch (e) {
    ui.bar?.done();
    if (e instanceof ToolCancelledError) throw new RunFailed('poses cancelled; nothing was written to --out');
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
