// Held-out PSNR measured outside the training code, the way a user would: ground-truth PNGs
// named by a transforms json against the PNGs `parallax render --cameras` wrote.
//   npx tsx scripts/heldout-psnr.ts --cameras <capture>/transforms_test.json --renders <dir> [--background 1,1,1]
// RGBA ground truth is composited on the background (white by default, as Blender captures are
// fitted). A render is matched by the frame's image name (with or without its extension). PSNR
// per image over RGB in [0, 1] (8-bit), then the mean of the per-image values (NeRF's convention).
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import sharp from 'sharp';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function rgb(file: string, bg: number[]): Promise<{ w: number; h: number; px: Float64Array }> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const n = info.width * info.height, px = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = data[4 * i + 3] / 255;
    for (let c = 0; c < 3; c++) px[3 * i + c] = (data[4 * i + c] / 255) * a + bg[c] * (1 - a);
  }
  return { w: info.width, h: info.height, px };
}

async function main(): Promise<void> {
  const camerasFile = arg('cameras'), rendersDir = arg('renders');
  if (!camerasFile || !rendersDir) throw new Error('heldout-psnr: --cameras <transforms.json> and --renders <dir> are required');
  const bg = (arg('background', '1,1,1') as string).split(',').map(Number);
  const json = JSON.parse(await readFile(camerasFile, 'utf8')) as { frames?: { file_path?: string }[] };
  if (!Array.isArray(json.frames) || json.frames.length === 0) throw new Error(`heldout-psnr: ${camerasFile}: field "frames" is missing or empty`);
  const renders = await readdir(resolve(rendersDir));
  const psnrs: number[] = [];
  for (const [i, f] of json.frames.entries()) {
    if (typeof f.file_path !== 'string') throw new Error(`heldout-psnr: ${camerasFile}: frames[${i}].file_path is missing`);
    let truth = join(dirname(camerasFile), f.file_path);
    if (!extname(truth)) truth += '.png';
    const stem = basename(truth, extname(truth));
    const mine = renders.find((r) => r === `${stem}.png` || r === basename(truth));
    if (!mine) throw new Error(`heldout-psnr: no render named ${stem}.png in ${rendersDir} for frames[${i}] (${f.file_path})`);
    const a = await rgb(truth, bg), b = await rgb(join(rendersDir, mine), bg);
    if (a.w !== b.w || a.h !== b.h) throw new Error(`heldout-psnr: ${mine} is ${b.w}x${b.h} but ${truth} is ${a.w}x${a.h}`);
    let se = 0;
    for (let j = 0; j < a.px.length; j++) se += (a.px[j] - b.px[j]) ** 2;
    const psnr = -10 * Math.log10(Math.max(se / a.px.length, 1e-12));
    psnrs.push(psnr);
    console.log(`${stem}: ${psnr.toFixed(2)} dB`);
  }
  const mean = psnrs.reduce((s, x) => s + x, 0) / psnrs.length;
  console.log(`held-out PSNR ${mean.toFixed(2)} dB (mean of ${psnrs.length} images)`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
