// COLMAP models, text (cameras.txt, images.txt) or binary (cameras.bin, images.bin, and
// points3D.bin when present: see colmap-binary.ts), in the root, sparse/0/ or sparse/, with
// images in images/ (or beside the model). Text wins when a folder holds both.
//
// cameras.txt: CAMERA_ID MODEL WIDTH HEIGHT PARAMS...
// images.txt:  IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME, then a line of 2D points.
// (QW..QZ, TX..TZ) is world-to-camera in the OpenCV convention (x right, y down, z forward):
// x_cam = R(q) x_world + t, so the OpenCV camera-to-world is [R^T | -R^T t]; we flip its
// Y and Z axes to get OpenGL camera-to-world (`opencvToOpenglC2W`).
// COLMAP puts pixel centres at +0.5 like we do, so cx, cy carry over unchanged.
import { intrinsicsFromFocal, mat4, opencvToOpenglC2W } from '../../camera';
import type { Intrinsics, Mat4 } from '../../camera';
import { CaptureError, show } from '../errors';
import type { CaptureFiles } from '../files';
import { isImageName, joinRel, safeRelativePath } from '../files';
import { checkedPose } from '../json';
import { colmapPinhole, parseColmapCamerasBin, parseColmapImagesBin, parseColmapPoints3DBin } from './colmap-binary';
import type { ColmapCamera } from './colmap-binary';
import type { RawCapture, RawFrame } from './raw';
import { checkIntrinsics, fitDeclaredIntrinsics } from './raw';

export const COLMAP_DIRS = ['', 'sparse/0', 'sparse', 'colmap/sparse/0'];

/** Parameter names per supported model; distortion terms come after the pinhole ones. */
const MODELS: Record<string, { params: string[]; distortion: number }> = {
  SIMPLE_PINHOLE: { params: ['f', 'cx', 'cy'], distortion: 0 },
  PINHOLE: { params: ['fx', 'fy', 'cx', 'cy'], distortion: 0 },
  SIMPLE_RADIAL: { params: ['f', 'cx', 'cy', 'k'], distortion: 1 },
  RADIAL: { params: ['f', 'cx', 'cy', 'k1', 'k2'], distortion: 2 },
  OPENCV: { params: ['fx', 'fy', 'cx', 'cy', 'k1', 'k2', 'p1', 'p2'], distortion: 4 },
};

interface Line { text: string; number: number }

function dataLines(text: string): Line[] {
  return text.split(/\r?\n/).map((t, i) => ({ text: t.trim(), number: i + 1 }));
}

function num(token: string | undefined, file: string, field: string): number {
  const v = Number(token);
  if (token === undefined || token === '' || !Number.isFinite(v)) throw new CaptureError(`expected a finite number, got ${show(token)}`, file, field);
  return v;
}

export interface ColmapModelLocation { dir: string; kind: 'text' | 'binary' }

export async function findColmapModel(files: CaptureFiles): Promise<ColmapModelLocation | null> {
  for (const dir of COLMAP_DIRS) {
    if (await files.exists(joinRel(dir, 'cameras.txt')) && await files.exists(joinRel(dir, 'images.txt'))) return { dir, kind: 'text' };
  }
  for (const dir of COLMAP_DIRS) {
    if (await files.exists(joinRel(dir, 'cameras.bin')) && await files.exists(joinRel(dir, 'images.bin'))) return { dir, kind: 'binary' };
  }
  return null;
}

/** A model folder with only one of cameras.bin / images.bin: named in the detection error. */
export async function findIncompleteColmapBinary(files: CaptureFiles): Promise<string | null> {
  for (const dir of COLMAP_DIRS) {
    for (const [have, missing] of [['cameras.bin', 'images.bin'], ['images.bin', 'cameras.bin']]) {
      if (await files.exists(joinRel(dir, have)) && !(await files.exists(joinRel(dir, missing)))) return joinRel(dir, missing);
    }
  }
  return null;
}

function parseCameras(text: string, file: string, warnings: string[]): Map<number, Intrinsics> {
  const cams = new Map<number, Intrinsics>();
  for (const line of dataLines(text)) {
    if (!line.text || line.text.startsWith('#')) continue;
    const t = line.text.split(/\s+/);
    const where = `line ${line.number}`;
    const id = num(t[0], file, `${where}.CAMERA_ID`);
    const model = t[1];
    const spec = MODELS[model];
    if (!spec) {
      throw new CaptureError(`unknown or unsupported camera model ${show(model)} (supported: ${Object.keys(MODELS).join(', ')})`, file, `${where}.MODEL`);
    }
    const width = num(t[2], file, `${where}.WIDTH`);
    const height = num(t[3], file, `${where}.HEIGHT`);
    if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height))) {
      throw new CaptureError(`image size must be positive integers, got ${width}x${height}`, file, `${where}.WIDTH/HEIGHT`);
    }
    if (t.length - 4 !== spec.params.length) {
      throw new CaptureError(`${model} takes ${spec.params.length} parameters (${spec.params.join(' ')}), got ${t.length - 4}`, file, `${where}.PARAMS`);
    }
    const p: Record<string, number> = {};
    spec.params.forEach((name, i) => { p[name] = num(t[4 + i], file, `${where}.${name}`); });
    const fx = p.fx ?? p.f;
    const fy = p.fy ?? p.f;
    const k = checkIntrinsics(intrinsicsFromFocal(width, height, fx, fy, p.cx, p.cy), file, `${where}.${p.fx !== undefined ? 'fx' : 'f'}`);
    if (spec.distortion && spec.params.slice(-spec.distortion).some((n) => p[n] !== 0)) {
      warnings.push(`${file}: camera ${id} is ${model}; its distortion (${spec.params.slice(-spec.distortion).map((n) => `${n}=${p[n]}`).join(', ')}) is ignored`);
    }
    cams.set(id, k);
  }
  return cams;
}

/** Header line of an image entry: 9 numbers then a name (the name may contain spaces). */
function isImageHeader(tokens: string[]): boolean {
  return tokens.length >= 10 && tokens.slice(0, 9).every((x) => Number.isFinite(Number(x))) && !Number.isFinite(Number(tokens[tokens.length - 1]));
}

/** OpenGL camera-to-world from COLMAP's world-to-camera (q = qw qx qy qz, t), checked. */
export function colmapPoseToOpenglC2W(q: number[], t: number[], file: string, field: string): Mat4 {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  if (!(Math.abs(n - 1) < 1e-2)) throw new CaptureError(`QW QX QY QZ must be a unit quaternion, got |q| = ${n}: ${show(q)}`, file, field);
  const [w, x, y, z] = q.map((v) => v / n);
  const R = [
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
  ];
  // camera-to-world (OpenCV) = [R^T | -R^T t]
  const m = mat4([
    R[0], R[3], R[6], -(R[0] * t[0] + R[3] * t[1] + R[6] * t[2]),
    R[1], R[4], R[7], -(R[1] * t[0] + R[4] * t[1] + R[7] * t[2]),
    R[2], R[5], R[8], -(R[2] * t[0] + R[5] * t[1] + R[8] * t[2]),
    0, 0, 0, 1,
  ]);
  return checkedPose(opencvToOpenglC2W(m), file, field);
}

interface Entry { name: string; c2w: Mat4; k: Intrinsics; field: string }
interface Parsed { entries: Entry[]; camFile: string; imgFile: string; warnings: string[]; points?: RawCapture['sparsePoints'] }

async function readTextModel(files: CaptureFiles, dir: string): Promise<Parsed> {
  const warnings: string[] = [];
  const camFile = joinRel(dir, 'cameras.txt');
  const imgFile = joinRel(dir, 'images.txt');
  const cams = parseCameras(await files.readText(camFile), camFile, warnings);
  if (cams.size === 0) throw new CaptureError('no cameras defined (empty capture)', camFile, 'cameras');
  const lines = dataLines(await files.readText(imgFile)).filter((l) => !l.text.startsWith('#'));
  const entries: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.text) continue;
    const t = line.text.split(/\s+/);
    const where = `line ${line.number}`;
    if (t.length < 10) throw new CaptureError(`expected IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME, got ${show(line.text)}`, imgFile, where);
    const q = [1, 2, 3, 4].map((j) => num(t[j], imgFile, `${where}.${['QW', 'QX', 'QY', 'QZ'][j - 1]}`));
    const tr = [5, 6, 7].map((j) => num(t[j], imgFile, `${where}.${['TX', 'TY', 'TZ'][j - 5]}`));
    const camId = num(t[8], imgFile, `${where}.CAMERA_ID`);
    const k = cams.get(camId);
    if (!k) throw new CaptureError(`camera ${camId} is not defined in ${camFile}`, imgFile, `${where}.CAMERA_ID`);
    const name = t.slice(9).join(' ');
    const c2w = colmapPoseToOpenglC2W(q, tr, imgFile, `${where}.QW..TZ`);
    entries.push({ name, c2w, k, field: `${where}.NAME` });
    // The next line lists 2D points (possibly empty); some writers omit it.
    const next = lines[i + 1];
    if (next && !isImageHeader(next.text.split(/\s+/))) i++;
  }
  return { entries, camFile, imgFile, warnings };
}

function binaryIntrinsics(cam: ColmapCamera, file: string, field: string, warnings: string[]): Intrinsics {
  const p = colmapPinhole(cam, file, field);
  const k = checkIntrinsics(intrinsicsFromFocal(cam.width, cam.height, p.fx, p.fy, p.cx, p.cy), file, field);
  const d = Object.entries(p.distortion).filter(([, v]) => v !== 0);
  if (d.length) warnings.push(`${file}: camera ${cam.id} is ${cam.model}; its distortion (${d.map(([n, v]) => `${n}=${v}`).join(', ')}) is ignored`);
  return k;
}

async function readBinaryModel(files: CaptureFiles, dir: string): Promise<Parsed> {
  const warnings: string[] = [];
  const camFile = joinRel(dir, 'cameras.bin');
  const imgFile = joinRel(dir, 'images.bin');
  const cams = new Map<number, Intrinsics>();
  parseColmapCamerasBin(await files.readBytes(camFile), camFile).forEach((c, i) => {
    cams.set(c.id, binaryIntrinsics(c, camFile, `cameras[${i}]`, warnings));
  });
  if (cams.size === 0) throw new CaptureError('no cameras defined (empty capture)', camFile, 'num_cameras');
  const entries = parseColmapImagesBin(await files.readBytes(imgFile), imgFile).map((im, i): Entry => {
    const field = `images[${i}]`;
    const k = cams.get(im.cameraId);
    if (!k) throw new CaptureError(`camera ${im.cameraId} is not defined in ${camFile}`, imgFile, `${field}.camera_id`);
    return { name: im.name, c2w: colmapPoseToOpenglC2W(im.q, im.t, imgFile, `${field}.qw..tz`), k, field: `${field}.name` };
  });
  const ptsFile = joinRel(dir, 'points3D.bin');
  let points: Parsed['points'];
  if (await files.exists(ptsFile)) {
    const p = parseColmapPoints3DBin(await files.readBytes(ptsFile), ptsFile);
    points = { xyz: Float32Array.from(p.xyz), rgb: p.rgb };
  }
  return { entries, camFile, imgFile, warnings, points };
}

export async function readColmap(files: CaptureFiles, where: ColmapModelLocation): Promise<RawCapture> {
  const { dir } = where;
  const { entries, camFile, imgFile, warnings, points } = where.kind === 'binary' ? await readBinaryModel(files, dir) : await readTextModel(files, dir);
  if (entries.length === 0) throw new CaptureError('no images listed (empty capture)', imgFile, 'images');
  // Images live in <root>/images/ by convention, or next to the model.
  const imageDirs = ['images', dir, ''].filter((d, i, a) => a.indexOf(d) === i);
  const first = safeRelativePath(entries[0].name, imgFile, entries[0].field);
  let imageDir = 'images';
  for (const d of imageDirs) if (await files.exists(joinRel(d, first))) { imageDir = d; break; }
  const listed = (await files.list(imageDir)).filter(isImageName);
  if (listed.length > entries.length) warnings.push(`${imageDir || '.'}/ holds ${listed.length} images but ${imgFile} registers ${entries.length}; the others are skipped`);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const frames: RawFrame[] = entries.map((e) => {
    const rel = safeRelativePath(e.name, imgFile, e.field, imageDir);
    return {
      candidates: [rel], split: 'train', c2w: e.c2w,
      intrinsicsFor: (w, h) => fitDeclaredIntrinsics(e.k, w, h, camFile, 'WIDTH/HEIGHT'),
      source: { file: imgFile, field: e.field },
    };
  });
  const raw: RawCapture = { format: 'colmap', frames, warnings, bounds: {}, splitsGiven: false };
  if (points) raw.sparsePoints = points;
  return raw;
}
