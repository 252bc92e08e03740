// Stage "writing": the undistorted COLMAP model (PINHOLE cameras, binary) becomes a capture
// folder every part of the studio reads, written ATOMICALLY: everything is staged in a hidden
// sibling of outDir and renamed into place at the end, so a cancel or failure leaves nothing at
// outDir.
//   images/              the undistorted images
//   transforms.json      nerfstudio style: OpenGL camera-to-world transform_matrix per frame
//                        (COLMAP world-to-camera, inverted, camera y and z axes flipped),
//                        fl_x fl_y cx cy w h (global when one camera, else per frame),
//                        ply_file_path, and `parallax_poses` provenance
//   sparse_points.ply    binary little-endian x y z + uchar red green blue, same world frame
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { colmapPoseToOpenglC2W } from '../../engine/data/formats/colmap';
import { colmapPinhole, parseColmapCamerasBin, parseColmapImagesBin, parseColmapPoints3DBin } from '../../engine/data/formats/colmap-binary';
import { pointsToPly } from '../../engine/export/ply';

export interface CaptureProvenance {
  tool: string;
  version: string;
  matcher: 'exhaustive' | 'sequential';
  source: string;
  registered: string[];
  unregistered: string[];
  skipped: { file: string; reason: string }[];
  mean_reprojection_error: number;
  created: string;
}

export interface WrittenCapture { frames: number; points: number }

async function readBin(dir: string, name: string): Promise<{ bytes: Uint8Array; file: string }> {
  const file = path.join(dir, name);
  return { bytes: new Uint8Array(await fs.readFile(file)), file };
}

/** Stage the capture from `undistortedDir` into `stageDir` (created; must not exist). */
export async function stageCapture(
  undistortedDir: string, stageDir: string, provenance: CaptureProvenance, onProgress: (done: number, total: number) => void,
): Promise<WrittenCapture> {
  const sparse = path.join(undistortedDir, 'sparse');
  const c = await readBin(sparse, 'cameras.bin');
  const im = await readBin(sparse, 'images.bin');
  const pt = await readBin(sparse, 'points3D.bin');
  const cams = new Map(parseColmapCamerasBin(c.bytes, c.file).map((cam, i) => [cam.id, { cam, k: colmapPinhole(cam, c.file, `cameras[${i}]`) }]));
  const images = parseColmapImagesBin(im.bytes, im.file).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const points = parseColmapPoints3DBin(pt.bytes, pt.file);
  const intr = (id: number) => {
    const e = cams.get(id);
    if (!e) throw new Error(`${im.file}: camera ${id} is not in ${c.file}`);
    return { fl_x: e.k.fx, fl_y: e.k.fy, cx: e.k.cx, cy: e.k.cy, w: e.cam.width, h: e.cam.height };
  };
  const oneCamera = new Set(images.map((x) => x.cameraId)).size === 1;
  await fs.mkdir(path.join(stageDir, 'images'), { recursive: true });
  const frames = [];
  for (const [i, x] of images.entries()) {
    const m = colmapPoseToOpenglC2W(x.q, x.t, im.file, `images[${i}]`);
    const rows = [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((k) => m[4 * r + k]));
    frames.push({ file_path: `images/${x.name}`, transform_matrix: rows, ...(oneCamera ? {} : intr(x.cameraId)) });
    // Same file system (the work folder is a sibling): rename, else copy.
    const from = path.join(undistortedDir, 'images', x.name);
    const to = path.join(stageDir, 'images', x.name);
    await fs.rename(from, to).catch(() => fs.copyFile(from, to));
    onProgress(i + 1, images.length + 1);
  }
  const n = points.ids.length;
  const colours = new Float32Array(3 * n);
  for (let i = 0; i < 3 * n; i++) colours[i] = points.rgb[i] / 255;
  await fs.writeFile(path.join(stageDir, 'sparse_points.ply'), pointsToPly(Float32Array.from(points.xyz), colours));
  const transforms = {
    camera_model: 'PINHOLE',
    ...(oneCamera && images.length ? intr(images[0].cameraId) : {}),
    frames,
    ply_file_path: 'sparse_points.ply',
    parallax_poses: provenance,
  };
  await fs.writeFile(path.join(stageDir, 'transforms.json'), JSON.stringify(transforms, null, 2));
  onProgress(images.length + 1, images.length + 1);
  return { frames: images.length, points: n };
}

/** Move the staged folder to outDir (which must not exist or be an empty folder). */
export async function commitCapture(stageDir: string, outDir: string): Promise<void> {
  await fs.rmdir(outDir).catch(() => undefined); // an empty outDir may be replaced
  await fs.rename(stageDir, outDir);
}
