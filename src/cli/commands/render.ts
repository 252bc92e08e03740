// parallax render <sceneDir> --turntable <dir> [--frames N]
// parallax render <sceneDir> --cameras <transforms.json> --out <dir>
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { makeRunFolder, removeDeadRunFolders } from '../../main/workspace';
import { dirname, join, resolve } from 'node:path';
import { UsageError, backendFlag, numberFlag, onePositional, parse } from '../args';
import type { Log } from '../log';
import { formatDuration } from '../progress';
import { runDirect } from '../run-direct';

export const RENDER_HELP = `parallax render <sceneDir> --turntable <dir> [--frames N]
parallax render <sceneDir> --cameras <transforms.json> --out <dir>

Render PNG frames of a fitted scene: a turntable orbit, or one PNG per camera of a transforms
json (nerfstudio/Instant-NGP transforms.json or Blender transforms_*.json) in any folder. Only its
poses and intrinsics are read (images need not exist unless a frame gives no w/h): poses are in
the world of the capture the scene was fitted on (the scene's stored normalisation is applied),
each frame renders at its own w x h, and each PNG is named after the frame's image file.

  --turntable <dir>  write frame-0000.png ... into dir
  --frames <N>       turntable frame count (default 36)
  --cameras <file>   transforms json with the cameras to render
  --out <dir>        output folder for --cameras (created if missing)
  --backend <B>      auto | tensorflow | webgpu | wasm | cpu (default auto)`;

export async function renderCommand(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    turntable: { type: 'string' }, frames: { type: 'string' }, cameras: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' },
  }, 'render');
  if (values.help) { log.result(RENDER_HELP); return 0; }
  const sceneDir = resolve(onePositional(positionals, 'scene folder', 'render'));
  if (!!values.turntable === !!values.cameras) throw new UsageError('parallax render: give exactly one of --turntable <dir> or --cameras <transforms.json>');
  if (values.cameras && !values.out) throw new UsageError('parallax render: --cameras needs --out <dir>');
  if (values.turntable && values.out) throw new UsageError('parallax render: --out is only for --cameras (--turntable takes the folder)');
  const outDir = resolve((values.turntable ?? values.out) as string);
  const params = values.turntable
    ? { mode: 'turntable', sceneDir, frames: numberFlag(values.frames, 'frames', { min: 1, max: 3600, integer: true }) ?? 36 }
    : { mode: 'cameras', sceneDir, camerasFile: resolve(values.cameras as string) };
  const backend = backendFlag(values.backend);
  if ((await stat(outDir).catch(() => null))?.isDirectory() === false) throw new UsageError(`parallax render: "${outDir}" exists and is not a folder`);
  await mkdir(outDir, { recursive: true });
  for (const stale of await removeDeadRunFolders(dirname(outDir), '.parallax-render-')) log.info(`removed ${stale}, left by an interrupted render`);
  const staging = await makeRunFolder(dirname(outDir), '.parallax-render-');
  try {
    const result = await runDirect({ runner: 'render', params, backend, stagingDir: staging, label: 'render', log });
    const dir = join(staging, result.outputs[0].dir);
    const files = await readdir(dir);
    for (const f of files) await rename(join(dir, f), join(outDir, f));
    log.result(`render done in ${formatDuration(result.seconds)}: ${files.length} PNG frames -> ${outDir}`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
