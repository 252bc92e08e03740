// A DDRep/SDS/SJC field sample written as a scene folder, the same files a voxel fit writes (fit.ts), so the
// viewer, the gallery and `parallax export <scene> --glb` read it like any scene:
//   <dir>/scene.bin      the field (serializeScene; an object scene in a world box)
//   <dir>/volume.bin     the baked grid for the viewer's ray marcher
//   <dir>/mesh.glb       bake -> marching cubes -> GLB (absent when no voxel reaches the iso level)
//   <dir>/preview.png    a 128 px render from the prior's rig (the gallery thumbnail)
//   <dir>/manifest.json  a validated scene manifest (origin 'sample')
// plus, next to the folder, <name>.glb: the same mesh checked by the Khronos glTF validator (as the export
// runner does) and <name>-views/az<deg>.png: the field rendered from each ring view at the prior's size.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { intrinsicsFromFov } from '../../../engine/camera';
import type { FieldRep } from '../../../engine/ddrep';
import type { RgbImage } from '../../../engine/data/types';
import { MANIFEST_SCHEMA_VERSION, SceneManifestSchema } from '../../../shared';
import { encodeVolume } from '../../../shared/volume-file';
import { writePng } from '../../capture-io';
import { makeItemId, writeJsonAtomic } from '../../workspace';
import { tensorToImage } from './ddrep-setup';
import { SCENE_FILES, volumeGridOf } from './fit';
import { checkGlb } from './output-checks';
import type { Tf } from '../../../engine/tf';

/** Bake resolution of mesh and volume (the grid has ~33 vertices a side; finer bakes only smooth the mesh). */
export const FIELD_BAKE_RES = 96;
const PREVIEW_SIDE = 128;
const PREVIEW_AZIMUTH_DEG = 30;

export interface FieldSceneRecord {
  dir: string;
  glb: string | null;
  /** One line: what validated the GLB, or why there is none. */
  validation: string;
  triangles: number;
  views: string[];
}

export interface FieldSceneInfo {
  name: string;
  seed: number;
  steps: number;
  seconds: number;
  stopped: boolean;
  /** Recorded in the manifest's settings (method, options, model, backend). */
  settings: Record<string, unknown>;
  metrics: Record<string, number>;
}

/** Write sample `base` of `field` into outDir/base (scene folder), outDir/base.glb and outDir/base-views/. */
export async function writeFieldScene(tf: Tf, field: FieldRep, outDir: string, base: string, info: FieldSceneInfo, ringElevationDeg: number, ringViews: number): Promise<FieldSceneRecord> {
  const [recon, mesh, exporter] = await Promise.all([import('../../../engine/recon'), import('../../../engine/mesh'), import('../../../engine/export')]);
  const dir = join(outDir, base);
  await mkdir(dir, { recursive: true });
  const scene = field.toScene({ seed: info.seed, steps: info.steps, seconds: info.seconds, stopped: info.stopped });
  await writeFile(join(dir, SCENE_FILES.field), recon.serializeScene(scene));
  const c = field.config;
  const k = intrinsicsFromFov(PREVIEW_SIDE, PREVIEW_SIDE, (c.fovDeg * Math.PI) / 180);
  const front = field.ring(1, ringElevationDeg)[0];
  const previewView = field.ring(360 / PREVIEW_AZIMUTH_DEG, ringElevationDeg)[1];
  await writePng(join(dir, SCENE_FILES.preview), recon.renderSceneView(scene, k, previewView.c2w, scene.background).rgb);
  const grid = recon.bakeGrid(scene, FIELD_BAKE_RES);
  await writeFile(join(dir, SCENE_FILES.volume), encodeVolume(volumeGridOf(grid)));
  const m = mesh.extractMesh(grid);
  const triangles = m.indices.length / 3;
  const rig = { centre: [0, 0, 0], radius: c.radius, height: front.c2w[7], intrinsics: intrinsicsFromFov(c.size, c.size, (c.fovDeg * Math.PI) / 180) };
  const settings = { ...info.settings, res: FIELD_BAKE_RES, aabb: scene.aabb, background: scene.background, sceneType: 'object', rig, grid: field.solver.grid.nx, fixedViews: c.views };
  let glbFile: string | null = null;
  let validation = `no mesh: no voxel of the field reaches the opacity iso level (baked at ${FIELD_BAKE_RES}^3)`;
  const files: Record<string, string> = { field: SCENE_FILES.field, preview: SCENE_FILES.preview, volume: SCENE_FILES.volume };
  if (triangles > 0) {
    const glb = await exporter.meshToGlb(m, { provenance: { source: `ddrep ${info.name}`, sceneName: info.name, settings: { ...settings, rig: undefined } } });
    glbFile = `${base}.glb`;
    const report = await checkGlb(glb, glbFile);
    const { gltfValidatorVersion } = await import('../../validate-gltf');
    validation = `gltf-validator ${gltfValidatorVersion()}: 0 errors, ${report.warnings} warnings; ${m.positions.length / 3} vertices, ${triangles} triangles`;
    await writeFile(join(dir, SCENE_FILES.mesh), glb);
    await writeFile(join(outDir, glbFile), glb);
    files.mesh = SCENE_FILES.mesh;
  }
  const now = new Date().toISOString();
  const manifest = SceneManifestSchema.parse({
    schemaVersion: MANIFEST_SCHEMA_VERSION, kind: 'scene', id: makeItemId(info.name, 'scene'), name: info.name, createdAt: now, updatedAt: now,
    origin: 'sample', files, thumbnail: SCENE_FILES.preview, metrics: { ...info.metrics, triangles }, settings,
  });
  await writeJsonAtomic(join(dir, 'manifest.json'), manifest);
  const viewsDir = `${base}-views`;
  await mkdir(join(outDir, viewsDir), { recursive: true });
  const views: string[] = [];
  for (const v of field.ring(ringViews, ringElevationDeg)) {
    const file = `${viewsDir}/az${String(Math.round((v.azimuth * 180) / Math.PI)).padStart(3, '0')}.png`;
    const t = tf.tidy(() => field.render(v));
    const img: RgbImage = tensorToImage(t);
    t.dispose();
    await writePng(join(outDir, file), img);
    views.push(file);
  }
  return { dir: base, glb: glbFile, validation, triangles, views };
}
