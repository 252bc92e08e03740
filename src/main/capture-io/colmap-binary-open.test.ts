// A folder with sparse/0/{cameras,images,points3D}.bin + images/ opens as a capture like the text
// model does: the real beer-can reconstruction (copied to a temp folder without its
// poses_bounds.npy, which would otherwise make it an LLFF capture).
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaptureFolder } from './index';

const REPO = path.resolve(__dirname, '../../..');
const BEER = path.resolve(REPO, '../shared/data/beer-can');
const have = existsSync(path.join(BEER, 'sparse/0/images.bin'));
if (!have) console.warn(`colmap-binary-open.test: ${BEER} is missing; skipped`);
let tmp = '';
afterAll(async () => { if (tmp) await fs.rm(tmp, { recursive: true, force: true }); });

describe.skipIf(!have)('openCaptureFolder: COLMAP binary model', () => {
  it('opens beer-can sparse/0/*.bin with its images and sparse points in the normalised world', async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'colmap-bin-'));
    await fs.cp(path.join(BEER, 'sparse'), path.join(tmp, 'sparse'), { recursive: true });
    await fs.cp(path.join(BEER, 'images'), path.join(tmp, 'images'), { recursive: true });
    const cap = await openCaptureFolder(tmp, { maxSide: 64, holdoutEvery: 0 });
    expect(cap.format).toBe('colmap');
    expect(cap.views.length).toBe(71);
    expect(cap.views[0].image.width).toBe(36);
    expect(cap.views[0].image.height).toBe(64);
    const pts = cap.sparsePoints!;
    expect(pts.xyz.length).toBe(pts.rgb.length);
    expect(pts.xyz.length).toBeGreaterThan(3000);
    // The points lie in front of the cameras around the normalised scene centre: their median
    // distance from the origin is well inside the camera radius.
    const n = pts.xyz.length / 3;
    const d = Array.from({ length: n }, (_, i) => Math.hypot(pts.xyz[3 * i], pts.xyz[3 * i + 1], pts.xyz[3 * i + 2])).sort((a, b) => a - b);
    const camR = cap.views.map((v) => Math.hypot(v.c2w[3], v.c2w[7], v.c2w[11])).sort((a, b) => a - b);
    expect(d[n >> 1]).toBeLessThan(camR[camR.length >> 1]);
  });
});
