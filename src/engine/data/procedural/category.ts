// A procedural object *category* with real single-view ambiguity (issue 4, item 7): toy /
// hydrant-like figures standing on a plinth, facing +Z.
//
// Front stream (visible from the front camera, informative): plinth, body, head style and
// colours, eyes, front nozzle, side arms.
// Back stream (hidden from the front, independent of everything the front shows): the
// colour of the body's back half and 1-3 random back parts (knobs, a backpack, a fin, a
// tail) with their own colours. Two seeds with the same front stream would differ only
// behind the object; in practice each seed varies both, independently.
// Everything is drawn from mulberry32 streams derived from the seed: deterministic by seed.
import { createRng, hashSeed } from './prng';
import type { Rng } from './prng';
import type { ProceduralScene, Shape, Vec3 } from './scene';
import { DEFAULT_LIGHT } from './scene';

export const TOY_PALETTE: readonly Vec3[] = [
  [0.86, 0.16, 0.14], [0.95, 0.5, 0.1], [0.95, 0.82, 0.15], [0.2, 0.7, 0.25], [0.1, 0.6, 0.6],
  [0.15, 0.3, 0.85], [0.5, 0.25, 0.75], [0.95, 0.5, 0.7], [0.92, 0.92, 0.9], [0.25, 0.25, 0.28], [0.55, 0.35, 0.2],
];

export type PartSide = 'body' | 'front' | 'side' | 'back';
export interface CategoryPart { name: string; side: PartSide; shape: Shape }

export interface CategorySceneInfo {
  seed: number;
  /** Unit vector from the object towards its informative side (+Z): the front camera sits there. */
  front: Vec3;
  bodyColor: Vec3;
  backColor: Vec3;
  parts: CategoryPart[];
}

export interface CategorySceneOptions { ground: boolean }
export const CATEGORY_SCENE_DEFAULTS: CategorySceneOptions = { ground: false };

function colour(rng: Rng, avoid?: Vec3): Vec3 {
  const near = (c: Vec3) => !!avoid && Math.hypot(c[0] - avoid[0], c[1] - avoid[1], c[2] - avoid[2]) < 0.2;
  let c = rng.pick(TOY_PALETTE);
  for (let i = 0; i < 6 && near(c); i++) c = rng.pick(TOY_PALETTE);
  const j = rng.range(-0.05, 0.05);
  return c.map((v) => Math.min(1, Math.max(0, v + j))) as Vec3;
}

export function proceduralCategoryScene(
  seed: number, options: Partial<CategorySceneOptions> = {},
): { scene: ProceduralScene; info: CategorySceneInfo } {
  const opt = { ...CATEGORY_SCENE_DEFAULTS, ...options };
  const f = createRng(hashSeed(seed, 1));
  const b = createRng(hashSeed(seed, 2));
  const parts: CategoryPart[] = [];
  const add = (name: string, side: PartSide, shape: Shape) => parts.push({ name, side, shape });

  // Front stream: the figure.
  const y0 = -0.55;
  const plinthH = f.range(0.06, 0.1);
  const rb = f.range(0.25, 0.34);
  const rt = rb * f.range(0.78, 1);
  const bodyH = f.range(0.5, 0.72);
  const bodyColor = colour(f);
  add('plinth', 'body', { kind: 'cylinder', base: [0, y0, 0], axis: [0, 1, 0], height: plinthH, radiusBase: rb * 1.35, radiusTop: rb * 1.3, color: colour(f, bodyColor) });
  const bodyBase = y0 + plinthH;
  const top = bodyBase + bodyH;
  const radiusAt = (y: number) => rb + ((rt - rb) * (y - bodyBase)) / bodyH;
  const headColor = colour(f, bodyColor);
  const headStyle = f.pick(['dome', 'cone', 'box'] as const);
  if (headStyle === 'dome') add('head', 'body', { kind: 'sphere', center: [0, top, 0], radius: rt * 1.02, color: headColor });
  else if (headStyle === 'cone') add('head', 'body', { kind: 'cylinder', base: [0, top, 0], axis: [0, 1, 0], height: f.range(0.2, 0.32), radiusBase: rt * 1.15, radiusTop: 0, color: headColor });
  else add('head', 'body', { kind: 'box', center: [0, top + 0.1, 0], halfSize: [rt * 1.05, 0.11, rt * 1.05], rotationY: f.range(-0.3, 0.3), color: headColor });
  const eyeY = top - f.range(0.1, 0.17);
  const eyeR = f.range(0.04, 0.065);
  const eyeColor = f.pick([[0.95, 0.95, 0.95], [0.08, 0.08, 0.1], [0.98, 0.85, 0.2]] as Vec3[]);
  const eyeX = f.range(0.09, 0.14);
  for (const sx of [-1, 1]) {
    const r = radiusAt(eyeY);
    const z = Math.sqrt(Math.max(0, r * r - eyeX * eyeX));
    add(`eye${sx < 0 ? 'L' : 'R'}`, 'front', { kind: 'sphere', center: [sx * eyeX, eyeY, z], radius: eyeR, color: eyeColor });
  }
  if (f.chance(0.75)) {
    const y = bodyBase + bodyH * f.range(0.25, 0.5);
    const r = f.range(0.07, 0.11);
    const c = colour(f, bodyColor);
    const len = radiusAt(y) + f.range(0.08, 0.16);
    add('nozzle', 'front', { kind: 'cylinder', base: [0, y, 0], axis: [0, 0, 1], height: len, radiusBase: r, radiusTop: r, color: c });
    add('nozzleCap', 'front', { kind: 'cylinder', base: [0, y, len - 0.03], axis: [0, 0, 1], height: 0.05, radiusBase: r * 1.3, radiusTop: r * 1.3, color: colour(f) });
  }
  if (f.chance(0.6)) {
    const y = bodyBase + bodyH * f.range(0.45, 0.7);
    const r = f.range(0.05, 0.08);
    const len = radiusAt(y) + f.range(0.1, 0.2);
    const c = colour(f, bodyColor);
    for (const sx of [-1, 1]) add(`arm${sx < 0 ? 'L' : 'R'}`, 'side', { kind: 'cylinder', base: [0, y, 0], axis: [sx, 0, 0], height: len, radiusBase: r, radiusTop: r * 0.8, color: c });
  }

  // Back stream: hidden side.
  const backColor = b.chance(0.8) ? colour(b, bodyColor) : bodyColor;
  add('body', 'body', {
    kind: 'cylinder', base: [0, bodyBase, 0], axis: [0, 1, 0], height: bodyH, radiusBase: rb, radiusTop: rt, color: bodyColor,
    split: backColor === bodyColor ? undefined : { normal: [0, 0, -1], color: backColor },
  });
  const count = b.int(1, 3);
  const kinds = ['knob', 'pack', 'fin', 'tail'] as const;
  for (let i = 0; i < count; i++) {
    const kind = b.pick(kinds);
    const y = bodyBase + bodyH * b.range(0.2, 0.8);
    const r = radiusAt(y);
    const c = colour(b, backColor);
    if (kind === 'knob') {
      const az = Math.PI + b.range(-0.35, 0.35);
      const kr = b.range(0.09, 0.15);
      add(`back${i}:knob`, 'back', { kind: 'sphere', center: [r * Math.sin(az), y, r * Math.cos(az)], radius: kr, color: c });
    } else if (kind === 'pack') {
      const h: Vec3 = [rb * b.range(0.45, 0.75), b.range(0.08, 0.16), b.range(0.05, 0.1)];
      add(`back${i}:pack`, 'back', { kind: 'box', center: [0, y, -(r + h[2] * 0.7)], halfSize: h, color: c });
    } else if (kind === 'fin') {
      add(`back${i}:fin`, 'back', { kind: 'cylinder', base: [0, y, 0], axis: [0, b.range(-0.2, 0.5), -1], height: r + b.range(0.15, 0.3), radiusBase: b.range(0.1, 0.16), radiusTop: 0, color: c });
    } else {
      const dir: Vec3 = [b.range(-0.3, 0.3), b.range(0.2, 0.7), -1];
      const n = Math.hypot(dir[0], dir[1], dir[2]);
      const len = r + b.range(0.15, 0.3);
      const base: Vec3 = [0, y, 0];
      add(`back${i}:tail`, 'back', { kind: 'cylinder', base, axis: dir, height: len, radiusBase: 0.045, radiusTop: 0.03, color: c });
      const tip = [0, 1, 2].map((k) => base[k] + (dir[k] / n) * len) as Vec3;
      add(`back${i}:tailTip`, 'back', { kind: 'sphere', center: tip, radius: 0.07, color: colour(b) });
    }
  }
  const scene: ProceduralScene = {
    shapes: parts.map((p) => p.shape),
    light: DEFAULT_LIGHT,
    ground: opt.ground ? { y: y0, radius: 1.2, color: [0.6, 0.6, 0.58] } : undefined,
  };
  return { scene, info: { seed, front: [0, 0, 1], bodyColor, backColor, parts } };
}
