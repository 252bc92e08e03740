// COLMAP binary models (cameras.bin, images.bin, points3D.bin), parsed from bytes (pure).
// Layout (little-endian, as COLMAP's src/base/reconstruction.cc writes it):
//   cameras.bin:  u64 count; per camera: i32 camera_id, i32 model_id, u64 width, u64 height,
//                 f64 params[n(model)]
//   images.bin:   u64 count; per image: i32 image_id, f64 qw qx qy qz, f64 tx ty tz, i32 camera_id,
//                 NUL-terminated name, u64 num_points2D, then per point f64 x, f64 y, i64 point3D_id
//   points3D.bin: u64 count; per point: u64 point3D_id, f64 x y z, u8 r g b, f64 error,
//                 u64 track_length, then per track element i32 image_id, i32 point2D_idx
// (q, t) is world-to-camera in the OpenCV convention, like images.txt (see colmap.ts).
import { CaptureError, show } from '../errors';

/** COLMAP camera model ids -> name and parameter count (colmap/src/base/camera_models.h). */
export const COLMAP_CAMERA_MODELS: ReadonlyArray<{ id: number; name: string; params: number }> = [
  { id: 0, name: 'SIMPLE_PINHOLE', params: 3 },
  { id: 1, name: 'PINHOLE', params: 4 },
  { id: 2, name: 'SIMPLE_RADIAL', params: 4 },
  { id: 3, name: 'RADIAL', params: 5 },
  { id: 4, name: 'OPENCV', params: 8 },
  { id: 5, name: 'OPENCV_FISHEYE', params: 8 },
  { id: 6, name: 'FULL_OPENCV', params: 12 },
  { id: 7, name: 'FOV', params: 5 },
  { id: 8, name: 'SIMPLE_RADIAL_FISHEYE', params: 4 },
  { id: 9, name: 'RADIAL_FISHEYE', params: 5 },
  { id: 10, name: 'THIN_PRISM_FISHEYE', params: 12 },
];

export interface ColmapCamera { id: number; model: string; width: number; height: number; params: number[] }
export interface ColmapImage {
  id: number;
  /** World-to-camera rotation as a quaternion (w, x, y, z) and translation, OpenCV camera axes. */
  q: [number, number, number, number];
  t: [number, number, number];
  cameraId: number;
  name: string;
  /** Number of 2D keypoints stored for the image (their coordinates are skipped). */
  points2D: number;
}
/** Sparse points: xyz [N*3] (COLMAP world units), rgb [N*3] (0..255), error [N] (pixels), ids [N]. */
export interface ColmapPoints { ids: Float64Array; xyz: Float64Array; rgb: Uint8Array; error: Float64Array; trackLength: Uint32Array }

/** Bounds-checked little-endian reader that names the file and field on failure. */
class Reader {
  private readonly view: DataView;
  pos = 0;
  constructor(private readonly bytes: Uint8Array, readonly file: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number, field: string): number {
    if (this.pos + n > this.bytes.length) {
      throw new CaptureError(`file is truncated: ${field} needs ${n} bytes at offset ${this.pos}, the file has ${this.bytes.length}`, this.file, field);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
  i32(field: string): number { return this.view.getInt32(this.need(4, field), true); }
  u8(field: string): number { return this.view.getUint8(this.need(1, field)); }
  f64(field: string): number {
    const v = this.view.getFloat64(this.need(8, field), true);
    if (!Number.isFinite(v)) throw new CaptureError(`expected a finite number, got ${v}`, this.file, field);
    return v;
  }
  /** u64 as a JS number; values above 2^53 are certainly corrupt for our purposes. */
  u64(field: string): number {
    const v = this.view.getBigUint64(this.need(8, field), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new CaptureError(`value ${v} is too large (corrupt file?)`, this.file, field);
    return Number(v);
  }
  /** A count of records of at least `minRecord` bytes each: must fit in the rest of the file. */
  count(field: string, minRecord: number): number {
    const n = this.u64(field);
    if (n * minRecord > this.bytes.length - this.pos) {
      throw new CaptureError(`count ${n} needs at least ${n * minRecord} more bytes but only ${this.bytes.length - this.pos} remain (truncated or corrupt file)`, this.file, field);
    }
    return n;
  }
  cstring(field: string, max = 4096): string {
    const start = this.pos;
    const end = this.bytes.indexOf(0, start);
    if (end < 0) throw new CaptureError(`file is truncated: no NUL terminator after offset ${start}`, this.file, field);
    if (end - start > max) throw new CaptureError(`string longer than ${max} bytes (corrupt file?)`, this.file, field);
    this.pos = end + 1;
    return new TextDecoder('utf-8').decode(this.bytes.subarray(start, end));
  }
  skip(n: number, field: string): void { this.need(n, field); }
  end(): void {
    if (this.pos !== this.bytes.length) {
      throw new CaptureError(`${this.bytes.length - this.pos} unexpected bytes after the last record (corrupt file?)`, this.file, 'end of file');
    }
  }
}

export function parseColmapCamerasBin(bytes: Uint8Array, file = 'cameras.bin'): ColmapCamera[] {
  const r = new Reader(bytes, file);
  const n = r.count('num_cameras', 24 + 3 * 8);
  const out: ColmapCamera[] = [];
  for (let i = 0; i < n; i++) {
    const f = `cameras[${i}]`;
    const id = r.i32(`${f}.camera_id`);
    const modelId = r.i32(`${f}.model_id`);
    const spec = COLMAP_CAMERA_MODELS.find((m) => m.id === modelId);
    if (!spec) throw new CaptureError(`unknown camera model id ${modelId} (known: 0..${COLMAP_CAMERA_MODELS.length - 1})`, file, `${f}.model_id`);
    const width = r.u64(`${f}.width`);
    const height = r.u64(`${f}.height`);
    if (!(width > 0 && height > 0)) throw new CaptureError(`image size must be positive, got ${width}x${height}`, file, `${f}.width/height`);
    const params = Array.from({ length: spec.params }, (_, k) => r.f64(`${f}.params[${k}]`));
    out.push({ id, model: spec.name, width, height, params });
  }
  r.end();
  return out;
}

export function parseColmapImagesBin(bytes: Uint8Array, file = 'images.bin'): ColmapImage[] {
  const r = new Reader(bytes, file);
  const n = r.count('num_reg_images', 4 + 56 + 4 + 1 + 8);
  const out: ColmapImage[] = [];
  for (let i = 0; i < n; i++) {
    const f = `images[${i}]`;
    const id = r.i32(`${f}.image_id`);
    const q = [0, 1, 2, 3].map((k) => r.f64(`${f}.${['qw', 'qx', 'qy', 'qz'][k]}`)) as ColmapImage['q'];
    const t = [0, 1, 2].map((k) => r.f64(`${f}.${['tx', 'ty', 'tz'][k]}`)) as ColmapImage['t'];
    const cameraId = r.i32(`${f}.camera_id`);
    const name = r.cstring(`${f}.name`);
    if (!name) throw new CaptureError(`empty image name (image_id ${id})`, file, `${f}.name`);
    const points2D = r.count(`${f}.num_points2D`, 24);
    r.skip(points2D * 24, `${f}.points2D`);
    out.push({ id, q, t, cameraId, name, points2D });
  }
  r.end();
  return out;
}

export function parseColmapPoints3DBin(bytes: Uint8Array, file = 'points3D.bin'): ColmapPoints {
  const r = new Reader(bytes, file);
  const n = r.count('num_points3D', 8 + 24 + 3 + 8 + 8);
  const p: ColmapPoints = {
    ids: new Float64Array(n), xyz: new Float64Array(3 * n), rgb: new Uint8Array(3 * n), error: new Float64Array(n), trackLength: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = `points3D[${i}]`;
    p.ids[i] = r.u64(`${f}.point3D_id`);
    for (let k = 0; k < 3; k++) p.xyz[3 * i + k] = r.f64(`${f}.${'xyz'[k]}`);
    for (let k = 0; k < 3; k++) p.rgb[3 * i + k] = r.u8(`${f}.${['r', 'g', 'b'][k]}`);
    p.error[i] = r.f64(`${f}.error`);
    const len = r.count(`${f}.track_length`, 8);
    p.trackLength[i] = len;
    r.skip(len * 8, `${f}.track`);
  }
  r.end();
  return p;
}

/** Pinhole part of a camera: fx, fy, cx, cy, and the names/values of its distortion terms. */
export function colmapPinhole(cam: ColmapCamera, file: string, field: string): { fx: number; fy: number; cx: number; cy: number; distortion: Record<string, number> } {
  const p = cam.params;
  const named = (names: string[], from: number) => Object.fromEntries(names.map((nm, i) => [nm, p[from + i]]));
  switch (cam.model) {
    case 'SIMPLE_PINHOLE': return { fx: p[0], fy: p[0], cx: p[1], cy: p[2], distortion: {} };
    case 'PINHOLE': return { fx: p[0], fy: p[1], cx: p[2], cy: p[3], distortion: {} };
    case 'SIMPLE_RADIAL': return { fx: p[0], fy: p[0], cx: p[1], cy: p[2], distortion: named(['k'], 3) };
    case 'RADIAL': return { fx: p[0], fy: p[0], cx: p[1], cy: p[2], distortion: named(['k1', 'k2'], 3) };
    case 'OPENCV': return { fx: p[0], fy: p[1], cx: p[2], cy: p[3], distortion: named(['k1', 'k2', 'p1', 'p2'], 4) };
    case 'FULL_OPENCV':
      return { fx: p[0], fy: p[1], cx: p[2], cy: p[3], distortion: named(['k1', 'k2', 'p1', 'p2', 'k3', 'k4', 'k5', 'k6'], 4) };
    default:
      // Fisheye and FOV models cannot be read as a pinhole with a warning: the error would be large.
      throw new CaptureError(
        `camera ${cam.id} uses the ${show(cam.model)} model, which cannot be read as a pinhole camera; undistort first with \`colmap image_undistorter\``,
        file, field,
      );
  }
}
