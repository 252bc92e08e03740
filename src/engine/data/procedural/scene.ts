// Analytic scenes: spheres, (Y-rotated) boxes, capped cylinders/cones along any axis and an
// optional ground disc, with Lambertian colours. Every shape may have a second colour on one
// side of a plane through its centre (`split`), used to give objects a different back.
export type Vec3 = [number, number, number];

/** Points p with dot(p - shape centre, normal) > 0 take `color` instead of the shape's colour. */
export interface ColorSplit { normal: Vec3; color: Vec3 }

export interface SphereShape { kind: 'sphere'; center: Vec3; radius: number; color: Vec3; split?: ColorSplit }
export interface BoxShape {
  kind: 'box'; center: Vec3; halfSize: Vec3;
  /** Rotation about +Y, radians. */
  rotationY?: number;
  color: Vec3; split?: ColorSplit;
}
/** Capped frustum from `base` along `axis` (normalised on use); radiusTop = 0 gives a cone. */
export interface CylinderShape {
  kind: 'cylinder'; base: Vec3; axis: Vec3; height: number; radiusBase: number; radiusTop: number;
  color: Vec3; split?: ColorSplit;
}
export type Shape = SphereShape | BoxShape | CylinderShape;

export interface GroundDisc { y: number; radius: number; color: Vec3; center?: [number, number] }

export interface DirectionalLight {
  /** Direction towards the light (normalised on use). */
  direction: Vec3;
  /** Fraction of the albedo lit regardless of orientation, in [0,1]. */
  ambient: number;
  shadows: boolean;
}

export interface ProceduralScene {
  shapes: Shape[];
  ground?: GroundDisc;
  light: DirectionalLight;
}

export const DEFAULT_LIGHT: DirectionalLight = { direction: [0.4, 0.8, 0.55], ambient: 0.35, shadows: true };

export function normalize3(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

export function shapeCenter(s: Shape): Vec3 {
  if (s.kind !== 'cylinder') return s.center;
  const a = normalize3(s.axis);
  return [s.base[0] + a[0] * s.height / 2, s.base[1] + a[1] * s.height / 2, s.base[2] + a[2] * s.height / 2];
}

/** Axis-aligned bounds of a shape (conservative for cylinders). */
export function shapeBounds(s: Shape): { min: Vec3; max: Vec3 } {
  if (s.kind === 'sphere') {
    return { min: s.center.map((c) => c - s.radius) as Vec3, max: s.center.map((c) => c + s.radius) as Vec3 };
  }
  if (s.kind === 'box') {
    const th = s.rotationY ?? 0;
    const c = Math.abs(Math.cos(th)), si = Math.abs(Math.sin(th));
    const ex: Vec3 = [c * s.halfSize[0] + si * s.halfSize[2], s.halfSize[1], si * s.halfSize[0] + c * s.halfSize[2]];
    return { min: s.center.map((v, i) => v - ex[i]) as Vec3, max: s.center.map((v, i) => v + ex[i]) as Vec3 };
  }
  const a = normalize3(s.axis);
  const top: Vec3 = [s.base[0] + a[0] * s.height, s.base[1] + a[1] * s.height, s.base[2] + a[2] * s.height];
  const r = Math.max(s.radiusBase, s.radiusTop);
  const ext = a.map((ai) => r * Math.sqrt(Math.max(0, 1 - ai * ai)));
  return {
    min: [0, 1, 2].map((i) => Math.min(s.base[i], top[i]) - ext[i]) as Vec3,
    max: [0, 1, 2].map((i) => Math.max(s.base[i], top[i]) + ext[i]) as Vec3,
  };
}

export function sceneBounds(scene: ProceduralScene): { min: Vec3; max: Vec3 } {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  const add = (b: { min: Vec3; max: Vec3 }) => {
    for (let i = 0; i < 3; i++) { min[i] = Math.min(min[i], b.min[i]); max[i] = Math.max(max[i], b.max[i]); }
  };
  scene.shapes.forEach((s) => add(shapeBounds(s)));
  if (scene.ground) {
    const [cx, cz] = scene.ground.center ?? [0, 0];
    const r = scene.ground.radius;
    add({ min: [cx - r, scene.ground.y - 1e-3, cz - r], max: [cx + r, scene.ground.y + 1e-3, cz + r] });
  }
  if (!Number.isFinite(min[0])) return { min: [-1, -1, -1], max: [1, 1, 1] };
  return { min, max };
}
