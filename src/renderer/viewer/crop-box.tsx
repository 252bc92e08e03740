// The scene's crop box (the object of interest, world units) as a wireframe box, when the scene
// manifest's settings carry one ({ min: [x, y, z], max: [x, y, z] }).
import { useMemo } from 'react';
import { Box3, Box3Helper, Color, Vector3 } from 'three';
import type { Bounds } from './camera-fit';

export function cropBoxOf(settings: Record<string, unknown>): Bounds | null {
  const c = settings.cropBox as { min?: unknown; max?: unknown } | undefined;
  const ok = (v: unknown): v is [number, number, number] => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  return c && ok(c.min) && ok(c.max) ? { min: c.min, max: c.max } : null;
}

export function CropBox({ box }: { box: Bounds }) {
  const helper = useMemo(
    () => new Box3Helper(new Box3(new Vector3(...box.min), new Vector3(...box.max)), new Color('#f5b301')),
    [box],
  );
  return <primitive object={helper} />;
}
