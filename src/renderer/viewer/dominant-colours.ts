// Dominant colours of an image: k-means in RGB over the pixels that are not background, seeded
// deterministically (k-means++ style farthest-point picks from a coarse histogram), so the
// same image always gives the same clusters. Used by tests to check that the viewer draws a
// scene in the colours of its preview render, and small enough to run on a canvas readback.

export type Rgb = [number, number, number];

export interface ColourCluster {
  colour: Rgb;
  /** Fraction of the counted (non-background) pixels in this cluster. */
  share: number;
}

export interface DominantColourOptions {
  /** Number of clusters. */
  k: number;
  /** Colours to ignore (backgrounds); a pixel within `excludeDistance` of one is skipped. */
  exclude: Rgb[];
  /** Max per-channel distance (0..255) to an excluded colour. */
  excludeDistance: number;
  iterations: number;
  /** Use at most this many pixels (evenly strided) to bound the cost. */
  maxPixels: number;
}

export const DOMINANT_COLOUR_DEFAULTS: DominantColourOptions = {
  k: 4,
  exclude: [],
  excludeDistance: 24,
  iterations: 12,
  maxPixels: 40_000,
};

export interface PixelData {
  data: ArrayLike<number>;
  /** Values per pixel (3 RGB or 4 RGBA; alpha is ignored except that alpha 0 counts as background). */
  channels: number;
}

const dist2 = (a: Rgb, b: Rgb) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;

/** The non-background pixels (strided down to `maxPixels`). */
export function foregroundPixels(image: PixelData, options: Partial<DominantColourOptions> = {}): Rgb[] {
  const o = { ...DOMINANT_COLOUR_DEFAULTS, ...options };
  const count = Math.floor(image.data.length / image.channels);
  const stride = Math.max(1, Math.floor(count / o.maxPixels));
  const out: Rgb[] = [];
  for (let p = 0; p < count; p += stride) {
    const i = p * image.channels;
    if (image.channels === 4 && image.data[i + 3] === 0) continue;
    const c: Rgb = [image.data[i], image.data[i + 1], image.data[i + 2]];
    if (o.exclude.some((e) => Math.max(Math.abs(c[0] - e[0]), Math.abs(c[1] - e[1]), Math.abs(c[2] - e[2])) <= o.excludeDistance)) continue;
    out.push(c);
  }
  return out;
}

/** Dominant colours, largest share first. Empty when every pixel is background. */
export function dominantColours(image: PixelData, options: Partial<DominantColourOptions> = {}): ColourCluster[] {
  const o = { ...DOMINANT_COLOUR_DEFAULTS, ...options };
  const pixels = foregroundPixels(image, o);
  if (pixels.length === 0) return [];
  // 1. Seeds: the most common 32-level histogram bin, then repeatedly the bin farthest from the
  //    seeds so far (weighted by its population so stray pixels do not become clusters).
  const bins = new Map<number, { sum: Rgb; n: number }>();
  for (const c of pixels) {
    const key = ((c[0] >> 5) << 6) | ((c[1] >> 5) << 3) | (c[2] >> 5);
    const b = bins.get(key) ?? { sum: [0, 0, 0], n: 0 };
    b.sum[0] += c[0]; b.sum[1] += c[1]; b.sum[2] += c[2]; b.n += 1;
    bins.set(key, b);
  }
  const binList = [...bins.values()].map((b) => ({ mean: b.sum.map((s) => s / b.n) as Rgb, n: b.n }));
  binList.sort((a, b) => b.n - a.n);
  const centres: Rgb[] = [binList[0].mean];
  while (centres.length < Math.min(o.k, binList.length)) {
    let best = binList[0];
    let bestScore = -1;
    for (const b of binList) {
      const d = Math.min(...centres.map((c) => dist2(c, b.mean)));
      const score = d * b.n;
      if (score > bestScore) { bestScore = score; best = b; }
    }
    if (bestScore <= 0) break;
    centres.push(best.mean);
  }
  // 2. Lloyd iterations.
  const assign = new Int32Array(pixels.length);
  for (let it = 0; it < o.iterations; it++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    pixels.forEach((c, i) => {
      let j = 0;
      let d = Infinity;
      centres.forEach((m, ci) => { const dd = dist2(c, m); if (dd < d) { d = dd; j = ci; } });
      assign[i] = j;
      const s = sums[j];
      s[0] += c[0]; s[1] += c[1]; s[2] += c[2]; s[3] += 1;
    });
    centres.forEach((m, ci) => {
      const s = sums[ci];
      if (s[3] > 0) centres[ci] = [s[0] / s[3], s[1] / s[3], s[2] / s[3]];
    });
  }
  const counts = centres.map(() => 0);
  for (const a of assign) counts[a] += 1;
  return centres
    .map((colour, i) => ({ colour: colour.map((v) => Math.round(v)) as Rgb, share: counts[i] / pixels.length }))
    .filter((c) => c.share > 0)
    .sort((a, b) => b.share - a.share);
}

/** Euclidean RGB distance from `colour` to the nearest cluster of `palette` (Infinity if empty). */
export function nearestColourDistance(colour: Rgb, palette: ColourCluster[]): number {
  return Math.sqrt(Math.min(Infinity, ...palette.map((p) => dist2(colour, p.colour))));
}
