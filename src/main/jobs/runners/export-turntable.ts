// Turntable frames: an orbit of `frames` cameras around the scene, rendered to square PNGs.
// Cameras follow the scene's settings.rig (centre, radius, height, intrinsics) written by the fit
// runner, as `runners/render.ts` does; scenes without a rig orbit the volume's box. Scenes with a
// fitted field render through recon.renderSceneView; volume-only scenes (generated samples) are
// ray-marched from volume.bin by marchVolume below.
import { intrinsicsFromFov, lookAt, pixelRay } from '../../../engine/camera';
import type { Intrinsics, Mat4 } from '../../../engine/camera';
import type { RgbImage } from '../../../engine/data/types';
import type { DecodedVolume } from '../../../shared/volume-file';

type Vec3 = [number, number, number];
export interface TurntableShot { name: string; k: Intrinsics; c2w: Mat4 }
interface Rig { centre?: Vec3; radius?: number; height?: number; intrinsics?: Intrinsics }

const DEFAULT_FOV = (40 * Math.PI) / 180;

export const frameName = (i: number) => `frame-${String(i).padStart(4, '0')}.png`;

/** Orbit cameras; `box` (the volume's or field's aabb) stands in when the scene has no rig. */
export function turntableShots(settings: Record<string, unknown>, frames: number, size: number, box?: { min: Vec3; max: Vec3 }): TurntableShot[] {
  const rig = (settings.rig ?? {}) as Rig;
  const boxCentre: Vec3 = box ? [0, 1, 2].map((i) => (box.min[i] + box.max[i]) / 2) as Vec3 : [0, 0, 0];
  const diag = box ? Math.hypot(box.max[0] - box.min[0], box.max[1] - box.min[1], box.max[2] - box.min[2]) : 4;
  const centre = rig.centre ?? boxCentre;
  const radius = rig.radius ?? 1.6 * diag;
  const height = Math.min(rig.height ?? radius * 0.4, radius * 0.95);
  const flat = Math.sqrt(Math.max(radius * radius - height * height, 1e-6));
  // Keep the rig's horizontal field of view at the requested square size.
  const fovX = rig.intrinsics ? 2 * Math.atan((0.5 * rig.intrinsics.width) / rig.intrinsics.fx) : DEFAULT_FOV;
  const k = intrinsicsFromFov(size, size, fovX);
  return Array.from({ length: frames }, (_, i) => {
    const a = (2 * Math.PI * i) / frames;
    const eye: Vec3 = [centre[0] + flat * Math.sin(a), centre[1] + height, centre[2] + flat * Math.cos(a)];
    return { name: frameName(i), k, c2w: lookAt(eye, centre) };
  });
}

/**
 * Emission-absorption ray marching of an RGBA8 volume (NeRF quadrature, Mildenhall et al. 2020
 * Eq. 3): C = sum_i T_i (1 - exp(-sigma_i delta)) c_i + T_N * background, with sigma from the alpha
 * byte (a / 255 * maxDensity), trilinear lookups at voxel centres and delta = half a voxel.
 */
export function marchVolume(v: DecodedVolume, k: Intrinsics, c2w: Mat4, background: Vec3): RgbImage {
  const [nx, ny, nz] = v.resolution;
  const { min, max } = v.aabb;
  const cell = [(max[0] - min[0]) / nx, (max[1] - min[1]) / ny, (max[2] - min[2]) / nz];
  const dt = 0.5 * Math.min(cell[0], cell[1], cell[2]);
  const vox = v.voxels;
  const sample = (px: number, py: number, pz: number, out: Float64Array) => {
    const fx = Math.min(Math.max((px - min[0]) / cell[0] - 0.5, 0), nx - 1);
    const fy = Math.min(Math.max((py - min[1]) / cell[1] - 0.5, 0), ny - 1);
    const fz = Math.min(Math.max((pz - min[2]) / cell[2] - 0.5, 0), nz - 1);
    const x0 = Math.floor(fx), y0 = Math.floor(fy), z0 = Math.floor(fz);
    const x1 = Math.min(x0 + 1, nx - 1), y1 = Math.min(y0 + 1, ny - 1), z1 = Math.min(z0 + 1, nz - 1);
    const tx = fx - x0, ty = fy - y0, tz = fz - z0;
    out.fill(0);
    for (let c = 0; c < 8; c++) {
      const w = (c & 1 ? tx : 1 - tx) * (c & 2 ? ty : 1 - ty) * (c & 4 ? tz : 1 - tz);
      if (w === 0) continue;
      const o = 4 * ((c & 1 ? x1 : x0) + nx * ((c & 2 ? y1 : y0) + ny * (c & 4 ? z1 : z0)));
      for (let j = 0; j < 4; j++) out[j] += w * vox[o + j];
    }
  };
  const { width, height } = k;
  const data = new Float32Array(width * height * 3);
  const ox = c2w[3], oy = c2w[7], oz = c2w[11];
  const s = new Float64Array(4);
  const dir = new Float32Array(3);
  for (let py = 0, i = 0; py < height; py++) {
    for (let px = 0; px < width; px++, i++) {
      pixelRay(k, c2w, px, py, dir, 0);
      const dx = dir[0], dy = dir[1], dz = dir[2];
      // Slab intersection with the box.
      let t0 = 0, t1 = Infinity;
      for (const [o, d, lo, hi] of [[ox, dx, min[0], max[0]], [oy, dy, min[1], max[1]], [oz, dz, min[2], max[2]]]) {
        if (Math.abs(d) < 1e-12) { if (o < lo || o > hi) t1 = -1; continue; }
        const a = (lo - o) / d, b = (hi - o) / d;
        t0 = Math.max(t0, Math.min(a, b)); t1 = Math.min(t1, Math.max(a, b));
      }
      let r = 0, g = 0, b = 0, trans = 1;
      for (let t = t0 + 0.5 * dt; t < t1 && trans > 1e-3; t += dt) {
        sample(ox + t * dx, oy + t * dy, oz + t * dz, s);
        const sigma = (s[3] / 255) * v.maxDensity;
        if (sigma <= 0) continue;
        const alpha = 1 - Math.exp(-sigma * dt);
        const w = trans * alpha / 255;
        r += w * s[0]; g += w * s[1]; b += w * s[2];
        trans *= 1 - alpha;
      }
      data[3 * i] = r + trans * background[0];
      data[3 * i + 1] = g + trans * background[1];
      data[3 * i + 2] = b + trans * background[2];
    }
  }
  return { width, height, data };
}
