#!/usr/bin/env node
// Split a nerfstudio-style capture (a folder with transforms.json) for a held-out check, outside
// the studio (plain Node, no studio imports):
//
//   node scripts/holdout-split.mjs <captureDir> [--every 8] --train-out <dir> --test-json <file>
//        [--copy] [--train-all] [--keep-order] [--test-max-side PX]
//
// Frames are ordered by file_path (natural order; --keep-order: as listed) and frames 0, N, 2N, ...
// of that order are held out (the mip-NeRF 360 / LLFF convention, `i % N == 0`).
// --train-out gets a transforms.json with every other frame (same fields, same relative paths) and
//   the images (and per-frame masks/depths, and the sparse point file named by ply_file_path) as
//   hard links to the originals (copies across file systems, or always with --copy). Not symlinks:
//   the studio refuses capture files that lead out of the capture folder through a symlink. --train-all also writes train_filenames
//   listing every kept frame, so a reader that would hold out views of its own trains on all.
// --test-json gets the held-out frames with the same camera fields, their file_path rewritten to
//   point at the original images (relative to the json's folder).
//   --test-max-side PX scales the held-out cameras (w, h, fl_x, fl_y, cx, cy, written per frame) so
//   their longer side is at most PX: `render --cameras` then renders at that size, and psnr.mjs
//   resizes the ground truth to it (full-size renders of real photos are slow on a CPU).
// Split lists of the source (train/val/test_filenames) are dropped from both outputs.
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const IMAGE_EXT = ['.png', '.jpg', '.jpeg', '.webp', '.PNG', '.JPG', '.JPEG'];
const SPLIT_KEYS = ['train_filenames', 'val_filenames', 'test_filenames'];
const FRAME_FILE_KEYS = ['file_path', 'mask_path', 'depth_file_path'];

class Usage extends Error {}
class FileProblem extends Error {}

/** The file a frame's path names, trying image extensions when it has none (NeRF-synthetic style). */
function existing(root, rel) {
  const full = resolve(root, rel);
  if (existsSync(full)) return full;
  return IMAGE_EXT.map((e) => full + e).find((f) => existsSync(f)) ?? null;
}

function inside(root, rel, where) {
  if (typeof rel !== 'string' || !rel) throw new FileProblem(`${where}: expected a relative path, got ${JSON.stringify(rel)}`);
  const full = resolve(root, rel);
  const r = relative(root, full);
  if (!r || r.startsWith('..') || resolve(root, r) !== full) throw new FileProblem(`${where}: ${JSON.stringify(rel)} is not inside the capture folder ${root}`);
  return r;
}

/** Per-frame intrinsics of `frame` (falling back to `top`) scaled so the longer side is at most `maxSide`. */
function scaledCamera(frame, top, maxSide, where) {
  const get = (k) => frame[k] ?? top[k];
  const W = get('w');
  const H = get('h');
  if (!(W > 0 && H > 0)) throw new FileProblem(`${where}: --test-max-side needs the frame's w and h`);
  const s = Math.min(1, maxSide / Math.max(W, H));
  const w = Math.max(1, Math.round(W * s));
  const h = Math.max(1, Math.round(H * s));
  const out = { w, h };
  for (const [k, f] of [['fl_x', w / W], ['cx', w / W], ['fl_y', h / H], ['cy', h / H]]) if (get(k) !== undefined) out[k] = get(k) * f;
  return out;
}

export function splitCapture(captureDir, { every = 8, trainOut, testJson, copy = false, trainAll = false, keepOrder = false, testMaxSide = 0 }) {
  const root = resolve(captureDir);
  const file = join(root, 'transforms.json');
  let top;
  try { top = JSON.parse(readFileSync(file, 'utf8')); } catch (err) { throw new FileProblem(`${file}: not a readable JSON file (${err.message})`); }
  if (!Array.isArray(top.frames) || top.frames.length === 0) throw new FileProblem(`${file}: field "frames": expected a non-empty array`);
  top.frames.forEach((f, i) => inside(root, f?.file_path, `${file} frames[${i}].file_path`));
  const order = top.frames.map((_, i) => i);
  if (!keepOrder) order.sort((a, b) => top.frames[a].file_path.localeCompare(top.frames[b].file_path, 'en', { numeric: true }));
  const heldOut = new Set(order.filter((_, k) => k % every === 0));
  if (heldOut.size === top.frames.length) throw new FileProblem(`${file}: ${top.frames.length} frame(s) with --every ${every} leaves nothing to train on`);

  const out = resolve(trainOut);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) throw new FileProblem(`--train-out: ${out} exists and is not an empty folder`);
  mkdirSync(out, { recursive: true });
  const place = (rel, where) => {
    const r = inside(root, rel, where);
    const src = existing(root, r);
    if (!src) throw new FileProblem(`${where}: ${JSON.stringify(rel)} not found in ${root}`);
    const dst = join(out, relative(root, src));
    if (existsSync(dst)) return;
    mkdirSync(dirname(dst), { recursive: true });
    const real = realpathSync(src); // link() would link a symlink itself, not its target
    if (copy) return copyFileSync(real, dst);
    try {
      linkSync(real, dst);
    } catch (err) {
      if (!['EXDEV', 'EPERM', 'EMLINK'].includes(err.code)) throw err;
      copyFileSync(real, dst);
    }
  };
  const base = Object.fromEntries(Object.entries(top).filter(([k]) => k !== 'frames' && !SPLIT_KEYS.includes(k)));
  const kept = top.frames.filter((_, i) => !heldOut.has(i));
  kept.forEach((f) => {
    const i = top.frames.indexOf(f);
    for (const key of FRAME_FILE_KEYS) if (f[key] !== undefined) place(f[key], `${file} frames[${i}].${key}`);
  });
  if (typeof top.ply_file_path === 'string') place(top.ply_file_path, `${file} ply_file_path`);
  const train = { ...base, frames: kept };
  if (trainAll) train.train_filenames = kept.map((f) => f.file_path);
  writeFileSync(join(out, 'transforms.json'), `${JSON.stringify(train, null, 2)}\n`);

  const testFile = resolve(testJson);
  mkdirSync(dirname(testFile), { recursive: true });
  const held = [...heldOut].sort((a, b) => a - b).map((i) => {
    const f = top.frames[i];
    const src = existing(root, f.file_path) ?? resolve(root, f.file_path);
    const frame = { ...f, file_path: relative(dirname(testFile), src) || src };
    if (testMaxSide > 0) Object.assign(frame, scaledCamera(f, top, testMaxSide, `${file} frames[${i}]`));
    for (const key of FRAME_FILE_KEYS.slice(1)) if (typeof f[key] === 'string') frame[key] = relative(dirname(testFile), resolve(root, f[key]));
    return frame;
  });
  const test = { ...base, frames: held };
  delete test.ply_file_path;
  writeFileSync(testFile, `${JSON.stringify(test, null, 2)}\n`);
  return { total: top.frames.length, train: kept.length, test: held.length, heldOut: held.map((f) => f.file_path) };
}

const HELP = `usage: node scripts/holdout-split.mjs <captureDir> --train-out <dir> --test-json <file> [options]
  --every N       hold out frames 0, N, 2N, ... in file_path order (default 8)
  --copy          copy images into --train-out (default: hard links where possible)
  --train-all     list every kept frame in train_filenames (no further hold-out by the reader)
  --keep-order    count frames in the order listed instead of by file_path
  --test-max-side PX  scale the held-out cameras so their longer side is at most PX`;

function cli(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        every: { type: 'string' }, 'train-out': { type: 'string' }, 'test-json': { type: 'string' }, copy: { type: 'boolean' },
        'train-all': { type: 'boolean' }, 'keep-order': { type: 'boolean' }, 'test-max-side': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) { throw new Usage(err.message); }
  const v = args.values;
  if (v.help) { console.log(HELP); return 0; }
  if (args.positionals.length !== 1) throw new Usage(`expected one capture folder, got ${args.positionals.length}`);
  if (!v['train-out'] || !v['test-json']) throw new Usage('--train-out <dir> and --test-json <file> are required');
  const every = Number(v.every ?? 8);
  if (!Number.isInteger(every) || every < 2) throw new Usage(`--every: expected an integer >= 2, got "${v.every}"`);
  const testMaxSide = Number(v['test-max-side'] ?? 0);
  if (!Number.isInteger(testMaxSide) || testMaxSide < 0) throw new Usage(`--test-max-side: expected a positive integer, got "${v['test-max-side']}"`);
  const r = splitCapture(args.positionals[0], {
    every, trainOut: v['train-out'], testJson: v['test-json'], copy: !!v.copy, trainAll: !!v['train-all'], keepOrder: !!v['keep-order'], testMaxSide,
  });
  console.log(`${r.total} frames: ${r.train} kept for training -> ${resolve(v['train-out'])}, ${r.test} held out -> ${resolve(v['test-json'])}`);
  console.log(`held out: ${r.heldOut.join(', ')}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    process.exitCode = cli(process.argv.slice(2));
  } catch (err) {
    if (err instanceof Usage) { console.error(`holdout-split: ${err.message}\n\n${HELP}`); process.exitCode = 2; }
    else if (err instanceof FileProblem) { console.error(`holdout-split: ${err.message}`); process.exitCode = 1; }
    else throw err;
  }
}
