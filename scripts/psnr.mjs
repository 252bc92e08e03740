#!/usr/bin/env node
// Held-out image quality, computed outside the studio (plain Node + sharp, no studio imports):
//
//   node scripts/psnr.mjs <renderDir> <groundTruthDir | transforms.json> [--resize WxH]
//        [--background white|black|R,G,B] [--no-ssim] [--json]
//
// Every image in <renderDir> is matched by name (file name without extension) to a ground-truth
// image: a file of the same name in <groundTruthDir>, or the frame of the transforms.json whose
// file_path has that name (paths relative to the json's folder; `..` and absolute paths allowed).
// Ground truth is resized to the render's size (or both to --resize WxH) with sharp's lanczos3
// kernel; RGBA images are composited on the background (default white, the studio's default).
// EXIF orientation is not applied (the studio's capture reader does not apply it either).
// PSNR is 10 log10(1 / MSE) over RGB in [0, 1]; the mean is the mean of per-image PSNRs (the usual
// NeRF convention). SSIM: Wang et al. 2004, 11x11 Gaussian window, sigma 1.5 (image-metrics.mjs).
// Exit codes: 0 scored, 1 a file problem, 2 bad usage.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { psnr, ssim } from './image-metrics.mjs';

const IMAGE_EXT = ['.png', '.jpg', '.jpeg', '.webp'];
const isImage = (f) => IMAGE_EXT.includes(extname(f).toLowerCase());
const stemOf = (f) => basename(f).replace(/\.[^.]*$/, '');

class Usage extends Error {}
class FileProblem extends Error {}

function parseBackground(v) {
  if (v === 'white') return [1, 1, 1];
  if (v === 'black') return [0, 0, 0];
  const parts = v.split(',').map(Number);
  if (parts.length !== 3 || parts.some((x) => !(x >= 0 && x <= 1))) throw new Usage(`--background: expected white, black or R,G,B in [0,1], got "${v}"`);
  return parts;
}

function parseSize(v) {
  const m = /^(\d+)x(\d+)$/.exec(v ?? '');
  if (!m || +m[1] < 1 || +m[2] < 1) throw new Usage(`--resize: expected WxH such as 504x378, got "${v}"`);
  return [+m[1], +m[2]];
}

/** Ground-truth files by name, from a folder or a transforms json. */
function groundTruth(source) {
  const st = statSync(source, { throwIfNoEntry: false });
  if (!st) throw new FileProblem(`${source}: no such file or folder`);
  const byName = new Map();
  const add = (name, file, where) => {
    if (byName.has(name)) throw new FileProblem(`${where}: two ground-truth images are named "${name}" (${byName.get(name)} and ${file})`);
    byName.set(name, file);
  };
  if (st.isDirectory()) {
    for (const f of readdirSync(source).filter(isImage).sort()) add(stemOf(f), join(source, f), source);
    return { byName, fromJson: false };
  }
  let json;
  try { json = JSON.parse(readFileSync(source, 'utf8')); } catch (err) { throw new FileProblem(`${source}: not a readable JSON file (${err.message})`); }
  if (!Array.isArray(json.frames)) throw new FileProblem(`${source}: field "frames": expected an array`);
  json.frames.forEach((frame, i) => {
    const p = frame?.file_path;
    if (typeof p !== 'string' || !p) throw new FileProblem(`${source}: field "frames[${i}].file_path": expected a path, got ${JSON.stringify(p)}`);
    const full = isAbsolute(p) ? p : resolve(dirname(source), p);
    // NeRF-synthetic style paths may omit the extension.
    const file = isImage(full) ? full : [...IMAGE_EXT, '.PNG', '.JPG'].map((e) => full + e).find((f) => existsSync(f)) ?? full;
    add(stemOf(file), file, `${source} frames[${i}]`);
  });
  return { byName, fromJson: true };
}

/** RGB in [0, 1], alpha composited on `bg`, optionally resized (fill, lanczos3). */
async function load(file, bg, size) {
  let img = sharp(file, { failOn: 'error' }).flatten({ background: { r: Math.round(bg[0] * 255), g: Math.round(bg[1] * 255), b: Math.round(bg[2] * 255) } });
  if (size) img = img.resize(size[0], size[1], { fit: 'fill', kernel: 'lanczos3' });
  let out;
  try {
    out = await img.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new FileProblem(`${file}: cannot read image (${err.message})`);
  }
  const { data, info } = out;
  if (info.channels !== 3) throw new FileProblem(`${file}: decoded ${info.channels} channels, expected 3`);
  return { width: info.width, height: info.height, data: Float64Array.from(data, (v) => v / 255) };
}

async function size(file) {
  try {
    const m = await sharp(file).metadata();
    return [m.width, m.height];
  } catch (err) {
    throw new FileProblem(`${file}: cannot read image (${err.message})`);
  }
}

export async function scoreFolder(renderDir, gtSource, { resize = null, background = [1, 1, 1], withSsim = true } = {}) {
  if (!statSync(renderDir, { throwIfNoEntry: false })?.isDirectory()) throw new FileProblem(`${renderDir}: not a folder`);
  const renders = readdirSync(renderDir).filter(isImage).sort();
  if (renders.length === 0) throw new FileProblem(`${renderDir}: no PNG/JPEG/WebP images`);
  const { byName, fromJson } = groundTruth(gtSource);
  const missing = renders.filter((r) => !byName.has(stemOf(r)));
  if (missing.length) throw new FileProblem(`${gtSource}: no ground truth for ${missing.length} render(s): ${missing.join(', ')}`);
  if (fromJson) {
    const rendered = new Set(renders.map(stemOf));
    const unrendered = [...byName.keys()].filter((n) => !rendered.has(n));
    if (unrendered.length) throw new FileProblem(`${renderDir}: no render for ${unrendered.length} frame(s) of ${gtSource}: ${unrendered.join(', ')}`);
  }
  const images = [];
  for (const r of renders) {
    const renderFile = join(renderDir, r);
    const gtFile = byName.get(stemOf(r));
    if (!existsSync(gtFile)) throw new FileProblem(`${gtFile}: ground-truth image not found (for ${r})`);
    const [rw, rh] = await size(renderFile);
    const [gw, gh] = await size(gtFile);
    const target = resize ?? [rw, rh];
    for (const [f, w, h] of [[gtFile, gw, gh], [renderFile, rw, rh]]) {
      if (Math.abs(w / h - target[0] / target[1]) > 0.01 * (target[0] / target[1])) {
        throw new FileProblem(`${f}: aspect ratio ${w}x${h} differs from the comparison size ${target[0]}x${target[1]}`);
      }
    }
    const a = await load(renderFile, background, rw === target[0] && rh === target[1] ? null : target);
    const b = await load(gtFile, background, gw === target[0] && gh === target[1] ? null : target);
    const p = psnr(a, b);
    images.push({ name: r, groundTruth: gtFile, width: target[0], height: target[1], psnr: p.psnr, mse: p.mse, ssim: withSsim ? ssim(a, b) : null });
  }
  const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const ssims = images.map((i) => i.ssim).filter((s) => s !== null);
  return {
    count: images.length, background, resize: resize ? `${resize[0]}x${resize[1]}` : null,
    mean: { psnr: mean(images.map((i) => i.psnr)), ssim: ssims.length === images.length ? mean(ssims) : null },
    images,
  };
}

const HELP = `usage: node scripts/psnr.mjs <renderDir> <groundTruthDir | transforms.json> [options]
  --resize WxH        compare at this size (both images resized); default: each render's size
  --background B      white | black | R,G,B in [0,1] under transparent pixels (default white)
  --no-ssim           skip SSIM
  --json              print JSON (per image and mean; an infinite PSNR prints as null)`;

async function cli(argv) {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { resize: { type: 'string' }, background: { type: 'string' }, 'no-ssim': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) { throw new Usage(err.message); }
  if (args.values.help) { console.log(HELP); return 0; }
  if (args.positionals.length !== 2) throw new Usage(`expected <renderDir> and <groundTruthDir | transforms.json>, got ${args.positionals.length} argument(s)`);
  const [renderDir, gt] = args.positionals.map((p) => resolve(p));
  const result = await scoreFolder(renderDir, gt, {
    resize: args.values.resize !== undefined ? parseSize(args.values.resize) : null,
    background: parseBackground(args.values.background ?? 'white'),
    withSsim: !args.values['no-ssim'],
  });
  if (args.values.json) { console.log(JSON.stringify(result, null, 2)); return 0; }
  const fmt = (v, d) => (v === null ? '-' : v === Infinity ? 'inf' : v.toFixed(d));
  const width = Math.max(10, ...result.images.map((i) => i.name.length)) + 2;
  console.log(`renders ${renderDir} vs ${gt}; compared at ${result.resize ?? "each render's size"}, background ${result.background.join(',')}`);
  console.log(`${'image'.padEnd(width)}${'PSNR dB'.padStart(9)}${'SSIM'.padStart(9)}   size`);
  for (const i of result.images) console.log(`${i.name.padEnd(width)}${fmt(i.psnr, 2).padStart(9)}${fmt(i.ssim, 4).padStart(9)}   ${i.width}x${i.height}`);
  console.log(`${`mean (${result.count})`.padEnd(width)}${fmt(result.mean.psnr, 2).padStart(9)}${fmt(result.mean.ssim, 4).padStart(9)}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  cli(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
    if (err instanceof Usage) { console.error(`psnr: ${err.message}\n\n${HELP}`); process.exitCode = 2; }
    else if (err instanceof FileProblem) { console.error(`psnr: ${err.message}`); process.exitCode = 1; }
    else { console.error(err); process.exitCode = 1; }
  });
}
