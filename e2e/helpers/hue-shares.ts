// Colour content of an image by hue class, for checking that a rendered view shows the scene's
// colours rather than merely "something": the share of each saturated hue (red, yellow, green,
// blue) among the saturated pixels, and which one dominates. Unsaturated pixels (background,
// grid lines, grey or white surfaces) are left out; `drawn` counts pixels that differ from the
// given background.
import sharp from 'sharp';

export const HUE_CLASSES = ['red', 'yellow', 'green', 'blue'] as const;
export type HueClass = (typeof HUE_CLASSES)[number];

export interface HueShares {
  /** Share of each hue class among the saturated pixels (sums to <= 1; the rest are other hues). */
  shares: Record<HueClass, number>;
  dominant: HueClass | null;
  /** Saturated pixels / all pixels. */
  saturated: number;
  /** Pixels farther than 40/255 (max channel) from `background` / all pixels. */
  drawn: number;
}

/** Hue in degrees [0, 360) of an RGB triple in [0, 255]; the caller checks saturation first. */
function hueOf(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

function classOf(hue: number): HueClass | null {
  if (hue >= 330 || hue < 25) return 'red';
  if (hue >= 35 && hue < 75) return 'yellow';
  if (hue >= 80 && hue < 170) return 'green';
  if (hue >= 190 && hue < 260) return 'blue';
  return null;
}

/** `png`: any image sharp reads; transparent pixels are flattened onto `background`. */
export async function hueSharesOfImage(png: Buffer | Uint8Array, background: [number, number, number]): Promise<HueShares> {
  const data = await sharp(Buffer.from(png))
    .flatten({ background: { r: background[0], g: background[1], b: background[2] } })
    .removeAlpha().raw().toBuffer();
  return hueShares(data, background);
}

/** `rgb`: packed 8-bit RGB pixels. */
export function hueShares(rgb: Uint8Array, background: [number, number, number]): HueShares {
  const counts: Record<HueClass, number> = { red: 0, yellow: 0, green: 0, blue: 0 };
  let saturated = 0, drawn = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
    if (Math.max(Math.abs(r - background[0]), Math.abs(g - background[1]), Math.abs(b - background[2])) > 40) drawn++;
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    // HSV saturation > 0.4 and value > 0.2: a clearly coloured surface, not grey/white/shadow.
    if (max < 51 || (max - min) / max <= 0.4) continue;
    saturated++;
    const c = classOf(hueOf(r, g, b));
    if (c) counts[c]++;
  }
  const shares = Object.fromEntries(HUE_CLASSES.map((c) => [c, saturated ? counts[c] / saturated : 0])) as Record<HueClass, number>;
  const dominant = saturated ? HUE_CLASSES.reduce((a, c) => (shares[c] > shares[a] ? c : a), HUE_CLASSES[0]) : null;
  const pixels = Math.floor(rgb.length / 3);
  return { shares, dominant, saturated: saturated / pixels, drawn: drawn / pixels };
}

/** Mean of several images' shares (each image weighs the same). */
export function meanShares(all: HueShares[]): Record<HueClass, number> {
  return Object.fromEntries(HUE_CLASSES.map((c) => [c, all.reduce((s, h) => s + h.shares[c], 0) / Math.max(1, all.length)])) as Record<HueClass, number>;
}

/**
 * Whether `shown` draws the colours of `scene` (shares of the scene's photos). Returns the
 * problems, empty when it does: its dominant hue is one of the scene's main hues (share >= 25%),
 * each main hue of the scene covers >= 15% of its saturated pixels, and the total variation
 * distance between the two hue distributions is below 0.3.
 */
export function hueMismatch(shown: HueShares, scene: Record<HueClass, number>): string[] {
  const problems: string[] = [];
  const main = HUE_CLASSES.filter((c) => scene[c] >= 0.25);
  if (!shown.dominant || !main.includes(shown.dominant)) problems.push(`dominant hue ${shown.dominant} is not one of the scene's main hues (${main.join(', ')})`);
  for (const c of main) if (shown.shares[c] < 0.15) problems.push(`${c} covers ${(shown.shares[c] * 100).toFixed(0)}% of the saturated pixels (scene: ${(scene[c] * 100).toFixed(0)}%)`);
  const tv = 0.5 * HUE_CLASSES.reduce((s, c) => s + Math.abs(shown.shares[c] - scene[c]), 0);
  if (tv >= 0.3) problems.push(`hue distributions differ by ${tv.toFixed(2)} (total variation)`);
  return problems;
}
