// parallax export <sceneDir> --glb <file> [--web] | --ply <file> | --points <file> | --spz <file> | --splat <file> [--unlit] [--res R] [--backend B]
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { makeRunFolder, removeDeadRunFolders, writeFileAtomic } from '../../main/workspace';
import { UsageError, backendFlag, numberFlag, onePositional, parse } from '../args';
import type { Log } from '../log';
import { formatDuration } from '../progress';
import { runDirect } from '../run-direct';

export const EXPORT_HELP = `parallax export <sceneDir> (--glb <file> | --ply <file> | --points <file> | --spz <file> | --splat <file>) [options]

Export a scene (fitted or generated) as glTF binary (validated with the Khronos validator),
a PLY mesh, or a PLY point cloud of the baked field's occupied voxels. Turntable frames:
parallax render <sceneDir> --turntable <dir>.

  --glb <file>       write a GLB (missing parent folders are created)
  --web              with --glb: the web preset (welded, quantized, meshopt-compressed)
  --ply <file>       write a PLY mesh
  --points <file>    write a PLY point cloud (position + colour per occupied voxel)

Gaussian splat scenes (a folder with splats.ply) export splat files instead, each re-read by our
reader and by PlayCanvas splat-transform before the export is reported done:
  --ply <file>       the standard 3DGS .ply        --spz <file>     Niantic's compressed .spz
  --splat <file>     antimatter15's .splat         --glb <file>     GLB with KHR_gaussian_splatting
  --unlit            GLB with KHR_materials_unlit
  --res <R>          bake grid resolution (default: the scene's)
  --backend <B>      auto | tensorflow | webgpu | wasm | cpu (default auto)`;

export async function exportCommand(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    glb: { type: 'string' }, ply: { type: 'string' }, points: { type: 'string' }, spz: { type: 'string' }, splat: { type: 'string' }, web: { type: 'boolean' },
    unlit: { type: 'boolean' }, res: { type: 'string' }, backend: { type: 'string' },
  }, 'export');
  if (values.help) { log.result(EXPORT_HELP); return 0; }
  const sceneDir = resolve(onePositional(positionals, 'scene folder', 'export'));
  const targets = [values.glb, values.ply, values.points, values.spz, values.splat].filter((v) => v !== undefined);
  if (targets.length !== 1) throw new UsageError('parallax export: give exactly one of --glb <file>, --ply <file>, --points <file>, --spz <file> or --splat <file>');
  if (values.web && !values.glb) throw new UsageError('parallax export: --web applies to --glb only');
  const format = values.glb ? 'glb' : values.ply ? 'ply' : values.spz ? 'spz' : values.splat ? 'splat' : 'ply-points';
  const preset = values.web ? 'web' : 'plain';
  const target = resolve(targets[0] as string);
  if ((await stat(target).catch(() => null))?.isDirectory()) throw new UsageError(`--${format === 'ply-points' ? 'points' : format}: "${target}" is a folder; give a file name`);
  const res = numberFlag(values.res, 'res', { min: 16, max: 1024, integer: true });
  const backend = backendFlag(values.backend);
  await mkdir(dirname(target), { recursive: true });
  for (const stale of await removeDeadRunFolders(dirname(target), '.parallax-export-')) log.info(`removed ${stale}, left by an interrupted export`);
  const staging = await makeRunFolder(dirname(target), '.parallax-export-');
  try {
    const result = await runDirect({
      runner: 'export', backend, stagingDir: staging, label: 'export', log,
      params: { sceneDir, format, preset, unlit: !!values.unlit, res },
    });
    const output = result.outputs[0];
    const file = (output.fields.files as string[])[0];
    await writeFileAtomic(target, await readFile(join(staging, output.dir, file)));
    const s = result.summary ?? {};
    if (s.gaussians !== undefined) {
      log.result(`export done in ${formatDuration(result.seconds)}: ${s.gaussians} Gaussians (SH degree ${s.shDegree}), ${s.bytes} bytes; ${String(output.fields.validation)} -> ${target}`);
      return 0;
    }
    const count = format === 'ply-points' ? `${s.points ?? s.vertices ?? '?'} points` : `${s.triangles ?? '?'} triangles`;
    log.result(`export done in ${formatDuration(result.seconds)}: ${count}, ${s.bytes ?? '?'} bytes, ${format === 'glb' ? 'glTF validation passed' : 'PLY checked'} -> ${target}`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
