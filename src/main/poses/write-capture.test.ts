// stageCapture/commitCapture on a hand-written undistorted COLMAP model with two cameras of
// different sizes (per-frame intrinsics): the OpenGL transform_matrix of a known pose, the PLY
// in the same world, and the capture opened by openCaptureFolder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPly } from '../../engine/export/ply';
import { openCaptureFolder } from '../capture-io';
import { tempDir } from './test-helpers';
import { commitCapture, stageCapture } from './write-capture';

/** Little-endian byte writer for the COLMAP binary layout. */
class W {
  private parts: number[] = [];
  private dv = new DataView(new ArrayBuffer(8));
  private push(n: number) { for (let i = 0; i < n; i++) this.parts.push(this.dv.getUint8(i)); }
  u64(v: number) { this.dv.setBigUint64(0, BigInt(v), true); this.push(8); return this; }
  i32(v: number) { this.dv.setInt32(0, v, true); this.push(4); return this; }
  f64(...vs: number[]) { for (const v of vs) { this.dv.setFloat64(0, v, true); this.push(8); } return this; }
  u8(...vs: number[]) { this.parts.push(...vs); return this; }
  str(s: string) { this.parts.push(...new TextEncoder().encode(s), 0); return this; }
  bytes() { return new Uint8Array(this.parts); }
}

let root: string;
beforeAll(async () => { root = await tempDir('write-capture-'); });
afterAll(async () => { await fs.rm(root, { recursive: true, force: true }); });

describe('stageCapture', () => {
  it('writes per-frame intrinsics, OpenGL poses and the sparse points in one world frame', async () => {
    const und = path.join(root, 'undistorted');
    await fs.mkdir(path.join(und, 'sparse'), { recursive: true });
    await fs.mkdir(path.join(und, 'images'));
    // Camera 1: PINHOLE 40x30; camera 2: PINHOLE 30x40.
    await fs.writeFile(path.join(und, 'sparse/cameras.bin'), new W().u64(2)
      .i32(1).i32(1).u64(40).u64(30).f64(50, 50, 20, 15)
      .i32(2).i32(1).u64(30).u64(40).f64(60, 61, 15, 20).bytes());
    // a.jpg: identity rotation, t = (0, 0, 2): the camera sits at (0, 0, -2) looking down +z.
    // b.jpg: rotated 180 degrees about y (q = (0, 0, 1, 0)), t = (0, 0, 2): at (0, 0, 2) looking down -z.
    await fs.writeFile(path.join(und, 'sparse/images.bin'), new W().u64(2)
      .i32(1).f64(1, 0, 0, 0, 0, 0, 2).i32(1).str('a.jpg').u64(0)
      .i32(2).f64(0, 0, 1, 0, 0, 0, 2).i32(2).str('b.jpg').u64(0).bytes());
    await fs.writeFile(path.join(und, 'sparse/points3D.bin'), new W().u64(2)
      .u64(1).f64(0, 0, 0).u8(255, 0, 0).f64(0.5).u64(0)
      .u64(2).f64(0.1, 0.2, 0.3).u8(0, 255, 10).f64(0.7).u64(0).bytes());
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(und, 'images/a.jpg'));
    await sharp({ create: { width: 30, height: 40, channels: 3, background: '#404040' } }).jpeg().toFile(path.join(und, 'images/b.jpg'));

    const stage = path.join(root, '.cap.partial');
    const out = path.join(root, 'cap');
    await fs.mkdir(out); // an empty outDir is replaced
    const prov = { tool: 'colmap', version: '3.8', matcher: 'exhaustive' as const, source: 'src', registered: ['a.jpg', 'b.jpg'], unregistered: ['c.jpg'], skipped: [], mean_reprojection_error: 0.5, created: 'now' };
    expect(await stageCapture(und, stage, prov, () => undefined)).toEqual({ frames: 2, points: 2 });
    await commitCapture(stage, out);
    expect((await fs.readdir(root)).sort()).toEqual(['cap', 'undistorted']);

    const t = JSON.parse(await fs.readFile(path.join(out, 'transforms.json'), 'utf8'));
    expect(t.fl_x).toBeUndefined();
    expect(t.frames[1]).toMatchObject({ file_path: 'images/b.jpg', fl_x: 60, fl_y: 61, cx: 15, cy: 20, w: 30, h: 40 });
    expect(t.frames[0].transform_matrix).toEqual([[1, 0, 0, 0], [0, -1, 0, 0], [0, 0, -1, -2], [0, 0, 0, 1]]);
    expect(t.frames[1].transform_matrix.map((r: number[]) => r.map((v) => Math.round(v * 1e9) / 1e9 + 0))).toEqual([[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 2], [0, 0, 0, 1]]);
    expect(t.parallax_poses).toMatchObject({ unregistered: ['c.jpg'] });
    const ply = readPly(new Uint8Array(await fs.readFile(path.join(out, 'sparse_points.ply'))));
    expect(Array.from(ply.positions)).toEqual([0, 0, 0, Math.fround(0.1), Math.fround(0.2), Math.fround(0.3)]);
    expect(Array.from(ply.colors!).map((c) => Math.round(c * 255))).toEqual([255, 0, 0, 0, 255, 10]);

    const cap = await openCaptureFolder(out, { normalize: 'none', holdoutEvery: 0 });
    expect(cap.views.map((v) => [v.file, v.intrinsics.width, v.intrinsics.fx])).toEqual([['images/a.jpg', 40, 50], ['images/b.jpg', 30, 60]]);
    expect(Array.from(cap.sparsePoints!.xyz)).toEqual(Array.from(ply.positions));
    expect(Array.from(cap.sparsePoints!.rgb)).toEqual([255, 0, 0, 0, 255, 10]);
  });
});
