// Write a procedural stand-in capture (src/engine/recon/stand-in.ts) as a Blender-format folder
// that `parallax fit` / `parallax render --cameras` read like any user capture.
//   npx tsx scripts/stand-in-capture.ts --out /tmp/toy [--scene busy-toy|demo] [--size 100] [--train 92] [--test 8]
import { writeBlenderCapture } from '../src/main/capture-io';
import { standInCapture } from '../src/engine/recon/stand-in';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const out = arg('out');
  if (!out) throw new Error('stand-in-capture: --out <dir> is required');
  const scene = arg('scene', 'busy-toy');
  if (scene !== 'busy-toy' && scene !== 'demo') throw new Error(`stand-in-capture: --scene has bad value "${scene}" (expected busy-toy|demo)`);
  const capture = standInCapture({ scene, size: Number(arg('size', '100')), train: Number(arg('train', '92')), test: Number(arg('test', '8')) });
  await writeBlenderCapture(out, capture);
  const n = (s: string) => capture.views.filter((v) => v.split === s).length;
  console.log(`wrote ${scene} ${arg('size', '100')}px: ${n('train')} train / ${n('test')} test views -> ${out}`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
