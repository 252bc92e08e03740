// A procedural matcap ("material capture"): the look of a lit sphere, indexed by the view-space
// normal. Made in code (no image asset): each pixel of a square is a point on the unit disc, its
// normal n = (x, y, sqrt(1 - x^2 - y^2)) is lit by a warm key light, a cool fill from the
// opposite side and a rim term, and the result is written as sRGB bytes. MeshMatcapMaterial
// looks this texture up with the surface normal.
import { DataTexture, LinearFilter, RGBAFormat, SRGBColorSpace } from 'three';

type Rgb = [number, number, number];

export interface MatcapOptions {
  /** Side length in pixels. */
  size: number;
  /** Linear-light colours. */
  base: Rgb;
  key: Rgb;
  fill: Rgb;
  rim: Rgb;
  /** Directions towards the lights (view space, normalised internally). */
  keyDir: Rgb;
  fillDir: Rgb;
  /** Blinn-Phong exponent of the key highlight. */
  shininess: number;
}

export const MATCAP_DEFAULTS: MatcapOptions = {
  size: 128,
  base: [0.42, 0.44, 0.48],
  key: [1.0, 0.93, 0.82],
  fill: [0.25, 0.35, 0.55],
  rim: [0.5, 0.6, 0.75],
  keyDir: [-0.45, 0.6, 0.66],
  fillDir: [0.6, -0.4, 0.7],
  shininess: 40,
};

const norm = (v: Rgb): Rgb => {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
};
const dot = (a: Rgb, b: Rgb) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Linear [0, 1] -> sRGB byte. */
export function linearToSrgbByte(v: number): number {
  const c = Math.min(1, Math.max(0, v));
  const s = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(255 * s);
}

/**
 * RGBA8 pixels of the matcap, rows bottom-up as WebGL expects (row 0 is y = -1, the sphere's
 * bottom). Pixels outside the disc repeat the rim colour so filtering at the edge stays clean.
 */
export function matcapPixels(options: Partial<MatcapOptions> = {}): Uint8Array {
  const o = { ...MATCAP_DEFAULTS, ...options };
  const keyDir = norm(o.keyDir);
  const fillDir = norm(o.fillDir);
  const half = norm([keyDir[0], keyDir[1], keyDir[2] + 1]); // Blinn half vector, viewer at +Z
  const out = new Uint8Array(o.size * o.size * 4);
  for (let row = 0; row < o.size; row++) {
    for (let col = 0; col < o.size; col++) {
      let x = ((col + 0.5) / o.size) * 2 - 1;
      let y = ((row + 0.5) / o.size) * 2 - 1;
      const r = Math.hypot(x, y);
      if (r > 0.999) { x /= r / 0.999; y /= r / 0.999; }
      const n: Rgb = [x, y, Math.sqrt(Math.max(0, 1 - x * x - y * y))];
      const diffuse = Math.max(0, dot(n, keyDir));
      const fill = Math.max(0, dot(n, fillDir));
      const spec = Math.max(0, dot(n, half)) ** o.shininess;
      const rim = (1 - n[2]) ** 3;
      const i = 4 * (row * o.size + col);
      for (let c = 0; c < 3; c++) {
        const v = o.base[c] * (0.18 + 0.85 * diffuse * o.key[c] + 0.6 * fill * o.fill[c]) + 0.55 * spec * o.key[c] + 0.45 * rim * o.rim[c];
        out[i + c] = linearToSrgbByte(v);
      }
      out[i + 3] = 255;
    }
  }
  return out;
}

/** The matcap as a texture for MeshMatcapMaterial (the caller disposes it). */
export function createMatcapTexture(options: Partial<MatcapOptions> = {}): DataTexture {
  const size = options.size ?? MATCAP_DEFAULTS.size;
  const texture = new DataTexture(matcapPixels(options), size, size, RGBAFormat);
  texture.colorSpace = SRGBColorSpace;
  texture.magFilter = LinearFilter;
  texture.minFilter = LinearFilter;
  texture.needsUpdate = true;
  return texture;
}
