// `parallax dataset --scenes N --seed S --out <dir> [--resolution R] [--views V]`
// Writes the procedural toy-category dataset: one Blender-format capture folder per scene
// (RGBA PNGs, transforms_{train,test}.json, ground-truth depth as float32 .depth.bin, and a
// scene.json with the analytic scene description), plus <out>/dataset.json listing the
// scenes with their seeds and train/test split (by scene seed, see engine/data/procedural).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DATASET_DEFAULTS, iterateDataset } from '../../engine/data';
import { writeBlenderCapture, writeFileAtomic } from '../../main/capture-io';

export const DATASET_FORMAT_VERSION = 1;

export interface DatasetCommandArgs { scenes: number; seed: number; out: string; resolution?: number; views?: number }

function checkInt(name: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`dataset: --${name} must be an integer in [${lo}, ${hi}], got ${v}`);
}

export async function datasetCommand(args: DatasetCommandArgs, log: (line: string) => void): Promise<void> {
  const resolution = args.resolution ?? DATASET_DEFAULTS.resolution;
  const views = args.views ?? DATASET_DEFAULTS.viewsPerScene;
  checkInt('scenes', args.scenes, 1, 1_000_000);
  checkInt('seed', args.seed, 0, 2 ** 32 - 1);
  checkInt('resolution', resolution, 8, 1024);
  checkInt('views', views, 1, 1000);
  if (!args.out) throw new Error('dataset: --out <dir> is required');
  const out = path.resolve(args.out);
  await fs.mkdir(out, { recursive: true });
  const entries: Array<{ folder: string; sceneSeed: number; split: 'train' | 'test' }> = [];
  const started = Date.now();
  const width = String(args.scenes - 1).length;
  for (const s of iterateDataset({ scenes: args.scenes, seed: args.seed, resolution, viewsPerScene: views })) {
    const t0 = Date.now();
    const folder = `scene-${String(s.index).padStart(Math.max(4, width), '0')}`;
    const description = {
      formatVersion: DATASET_FORMAT_VERSION, generator: 'parallax procedural toy category', datasetSeed: args.seed,
      index: s.index, sceneSeed: s.sceneSeed, split: s.split, resolution, views, frontView: 0,
      scene: s.scene, parts: s.info.parts.map((p) => ({ name: p.name, side: p.side })),
    };
    await writeBlenderCapture(path.join(out, folder), s.capture, {
      depth: true, extraFiles: { 'scene.json': `${JSON.stringify(description, null, 2)}\n` },
    });
    entries.push({ folder, sceneSeed: s.sceneSeed, split: s.split });
    log(`scene ${s.index + 1}/${args.scenes}  seed ${s.sceneSeed}  ${s.split.padEnd(5)}  -> ${folder}  (${Date.now() - t0} ms)`);
  }
  const index = {
    formatVersion: DATASET_FORMAT_VERSION, seed: args.seed, resolution, viewsPerScene: views, frontView: 0,
    depth: { encoding: 'float32le', kind: 'ray-distance', miss: 0 }, scenes: entries,
  };
  await writeFileAtomic(path.join(out, 'dataset.json'), `${JSON.stringify(index, null, 2)}\n`);
  const tests = entries.filter((e) => e.split === 'test').length;
  log(`wrote ${entries.length} scenes (${entries.length - tests} train, ${tests} test) at ${resolution}x${resolution}, ${views} views each, to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
