// parallax dataset --scenes N --seed S --out <dir> [--resolution R] [--views V]
// Flag parsing here; the generator is the data engineer's datasetCommand (./dataset).
import { UsageError, numberFlag, parse } from '../args';
import type { Log } from '../log';

export const DATASET_HELP = `parallax dataset --scenes <N> --seed <S> --out <dir> [--resolution <R>] [--views <V>]

Write the procedural toy-category dataset: one Blender-format capture per scene (RGBA PNGs,
transforms json, ground-truth depth, scene.json) plus <dir>/dataset.json.`;

export async function datasetCli(argv: string[], log: Log): Promise<number> {
  const { values, positionals } = parse(argv, {
    scenes: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, resolution: { type: 'string' }, views: { type: 'string' },
  }, 'dataset');
  if (values.help) { log.result(DATASET_HELP); return 0; }
  if (positionals.length) throw new UsageError(`parallax dataset: unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new UsageError('parallax dataset: --out <dir> is required');
  const scenes = numberFlag(values.scenes, 'scenes', { min: 1, integer: true });
  if (scenes === undefined) throw new UsageError('parallax dataset: --scenes <N> is required');
  const { datasetCommand } = await import('./dataset');
  await datasetCommand({
    scenes, out: values.out,
    seed: numberFlag(values.seed, 'seed', { min: 0, integer: true }) ?? 0,
    resolution: numberFlag(values.resolution, 'resolution', { min: 8, integer: true }),
    views: numberFlag(values.views, 'views', { min: 1, integer: true }),
  }, (line) => log.info(line));
  return 0;
}
