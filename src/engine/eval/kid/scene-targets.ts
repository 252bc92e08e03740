// The regression targets of the KID feature extractor: what the procedural category generator
// (data/procedural/category.ts) drew for a scene, plus where the camera of a view stands.
// Read back from the scene's parts (names and shapes), so the generator stays untouched.
//
// One vector of SCENE_TARGET_NAMES.length numbers per view. Parameters a view cannot show (the back
// colour from the front) stay in: the network learns what it can, and the held-out error says how much.
// Optional parts contribute their presence only (their colours and sizes are undefined when absent).
import type { Mat4 } from '../../camera';
import type { CategoryPart, CategorySceneInfo } from '../../data/procedural';

const FILE = 'src/engine/eval/kid/scene-targets.ts';

export const SCENE_TARGET_NAMES: readonly string[] = [
  // camera (azimuth 0 = the front, +Z; elevation in radians)
  'camera.sinAzimuth', 'camera.cosAzimuth', 'camera.elevation',
  // plinth
  'plinth.height', 'plinth.r', 'plinth.g', 'plinth.b',
  // body
  'body.radiusBase', 'body.taper', 'body.height', 'body.r', 'body.g', 'body.b',
  'back.r', 'back.g', 'back.b', 'back.split',
  // head
  'head.dome', 'head.cone', 'head.box', 'head.r', 'head.g', 'head.b',
  // eyes
  'eyes.radius', 'eyes.drop', 'eyes.spacing', 'eyes.r', 'eyes.g', 'eyes.b',
  // optional front/side parts
  'nozzle.present', 'arms.present',
  // back parts: how many of each kind (0-3)
  'backParts.knob', 'backParts.pack', 'backParts.fin', 'backParts.tail',
];

function part(info: CategorySceneInfo, name: string): CategoryPart {
  const p = info.parts.find((q) => q.name === name);
  if (!p) throw new Error(`${FILE}: scene ${info.seed} has no part '${name}' (is it a procedural category scene?)`);
  return p;
}

/** Azimuth (0 on +Z, towards +X) and elevation of the camera centre of an OpenGL c2w around the origin. */
export function cameraAngles(c2w: Mat4): { azimuth: number; elevation: number } {
  const x = c2w[3]; const y = c2w[7]; const z = c2w[11];
  return { azimuth: Math.atan2(x, z), elevation: Math.atan2(y, Math.hypot(x, z)) };
}

/** Target vector [SCENE_TARGET_NAMES.length] of one view of a category scene. */
export function sceneTargets(info: CategorySceneInfo, c2w: Mat4): Float32Array {
  const plinth = part(info, 'plinth').shape;
  const body = part(info, 'body').shape;
  const head = part(info, 'head').shape;
  const eye = part(info, 'eyeL').shape;
  if (plinth.kind !== 'cylinder' || body.kind !== 'cylinder' || eye.kind !== 'sphere') {
    throw new Error(`${FILE}: scene ${info.seed} has unexpected part shapes (plinth ${plinth.kind}, body ${body.kind}, eyeL ${eye.kind})`);
  }
  const { azimuth, elevation } = cameraAngles(c2w);
  const top = body.base[1] + body.height;
  const split = body.split !== undefined;
  const back = body.split?.color ?? body.color;
  const has = (name: string) => (info.parts.some((p) => p.name === name) ? 1 : 0);
  const backCount = (kind: string) => info.parts.filter((p) => p.side === 'back' && p.name.endsWith(`:${kind}`)).length;
  const values = [
    Math.sin(azimuth), Math.cos(azimuth), elevation,
    plinth.height, ...plinth.color,
    body.radiusBase, body.radiusTop / body.radiusBase, body.height, ...body.color,
    ...back, split ? 1 : 0,
    head.kind === 'sphere' ? 1 : 0, head.kind === 'cylinder' ? 1 : 0, head.kind === 'box' ? 1 : 0, ...head.color,
    eye.radius, top - eye.center[1], Math.abs(eye.center[0]), ...eye.color,
    has('nozzle'), has('armL'),
    backCount('knob'), backCount('pack'), backCount('fin'), backCount('tail'),
  ];
  if (values.length !== SCENE_TARGET_NAMES.length) throw new Error(`${FILE}: ${values.length} targets for ${SCENE_TARGET_NAMES.length} names`);
  return Float32Array.from(values);
}
