// parallax export <sceneDir> --glb <file> | --ply <file> [--unlit] [--res R] [--backend B]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../main/workspace';
import { UsageError, backendFlag, numberFlag, onePositional, parse } from '../args';
import type { Log } from '../log';
import { formatDuration } from '../progress';
import { runDirect } from '../run-direct';

export const EXPORT_HELP = `parallax export <sceneDir> (--glb <file> | --ply <file>) [options]

Export a fitted scene's mesh as glTF binary (validated with the Khronos validator) or PLY.

  --glb <file>       write a GLB
  --ply <file>       write a PLY mesh
  --unlit            GLB with KHR_materials_unlit
  --res <R>          bake grid resolution (default: the scene's)
  --backend <B>      auto | tensorflow | webgpu | wasm | cpu (default auto)`;

export async function exportCommand(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    glb: { type: 'string' }, ply: { type: 'string' }, unlit: { type: 'boolean' }, res: { type: 'string' }, backend: { type: 'string' },
  }, 'export');
  if (values.help) { log.result(EXPORT_HELP); return 0; }
  const sceneDir = resolve(onePositional(positionals, 'scene folder', 'export'));
  if (!!values.glb === !!values.ply) throw new UsageError('parallax export: give exactly one of --glb <file> or --ply <file>');
  const format = values.glb ? 'glb' : 'ply';
  const target = resolve((values.glb ?? values.ply) as string);
  const staging = await mkdtemp(join(dirname(target), '.parallax-export-'));
  try {
    const result = await runDirect({
      runner: 'export', backend: backendFlag(values.backend), stagingDir: staging, label: 'export', log,
      params: { sceneDir, format, unlit: !!values.unlit, res: numberFlag(values.res, 'res', { min: 16, max: 1024, integer: true }) },
    });
    const output = result.outputs[0];
    const file = (output.fields.files as string[])[0];
    await writeFileAtomic(target, await readFile(join(staging, output.dir, file)));
    const s = result.summary ?? {};
    log.result(`export done in ${formatDuration(result.seconds)}: ${s.triangles ?? '?'} triangles, ${s.bytes ?? '?'} bytes, ${format === 'glb' ? 'glTF validation passed' : 'PLY checked'} -> ${target}`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
