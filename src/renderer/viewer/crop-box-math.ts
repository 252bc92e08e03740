// Crop box arithmetic for the viewer: centre/size form (what the gizmo edits) <-> min/max form
// (what the manifest stores), and the box offered when a scene has none yet.
import type { CropBox } from '../../shared';

type V3 = [number, number, number];

/** Smallest size an edit may shrink an axis to (world units): the schema needs min < max. */
export const MIN_CROP_SIZE = 1e-3;

export const centreOf = (b: CropBox): V3 => [0, 1, 2].map((i) => (b.min[i] + b.max[i]) / 2) as V3;
export const sizeOf = (b: CropBox): V3 => [0, 1, 2].map((i) => b.max[i] - b.min[i]) as V3;

export function boxFromCentreSize(centre: V3, size: V3): CropBox {
  const s = size.map((v) => Math.max(MIN_CROP_SIZE, Number.isFinite(v) ? v : MIN_CROP_SIZE));
  return { min: [0, 1, 2].map((i) => centre[i] - s[i] / 2) as V3, max: [0, 1, 2].map((i) => centre[i] + s[i] / 2) as V3 };
}

/** The scene's box (settings.aabb) when it is a valid box: what a scene without a crop box starts from. */
export function sceneBox(settings: Record<string, unknown>): CropBox | null {
  const a = settings.aabb as { min?: unknown; max?: unknown } | undefined;
  const ok = (v: unknown): v is V3 => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!a || !ok(a.min) || !ok(a.max) || ![0, 1, 2].every((i) => (a.min as V3)[i] < (a.max as V3)[i])) return null;
  return { min: [...a.min], max: [...a.max] };
}

export const sameBox = (a: CropBox | null, b: CropBox | null): boolean =>
  a === b || (!!a && !!b && [0, 1, 2].every((i) => a.min[i] === b.min[i] && a.max[i] === b.max[i]));

/** Rounded for the numeric fields (4 decimals is well below a voxel). */
export const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
