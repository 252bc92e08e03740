// Runner `export`: one scene -> one export item in `<stagingDir>/export`, every file validated
// before the job reports done (the check's one-line summary becomes the manifest's `validation`).
//   glb (plain)   bake grid -> extractMesh -> meshToGlb                      gltf-validator, 0 errors
//   glb (web)     the plain GLB -> weld + meshopt (EXT_meshopt_compression)   gltf-validator, 0 errors
//   ply           the same mesh as binary PLY                                re-parsed header + counts
//   ply-points    surface voxels of volume.bin as coloured points (fallbacks:
//                 the baked field, then mesh.glb's vertices)                 re-parsed header + counts
//   turntable     PNG frames of an orbit (field render or volume ray march)  sharp metadata per frame
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveInside, slugify } from '../../workspace';
import { ExportParamsSchema, exportManifestFormat } from './export-params';
import type { ResolvedExportParams } from './export-params';
import { gridSurfacePoints } from './export-points';
import type { PointCloud } from './export-points';
import { openExportSource, volumeToGrid } from './export-source';
import type { ExportSource } from './export-source';
import { checkGlb, checkPly } from './output-checks';
import { renderTurntable } from './export-turntable-run';
import type { Runner, RunnerContext } from './types';

const DEFAULT_RES = 128;

export interface ExportedFiles {
  files: string[];
  validation: string;
  summary: Record<string, number>;
  thumbnail?: string;
}

type Step = (message: string) => void;

async function meshOf(src: ExportSource, p: ResolvedExportParams, step: Step) {
  const res = p.res ?? (typeof src.manifest.settings.res === 'number' ? src.manifest.settings.res : DEFAULT_RES);
  step(src.manifest.files.field ? `baking ${res}³ grid` : 'reading volume.bin');
  const { grid, origin } = await src.grid(res);
  const { extractMesh } = await import('../../../engine/mesh');
  const m = extractMesh(grid);
  if (m.indices.length === 0) {
    throw new Error(`${join(src.sceneDir, 'manifest.json')}: the scene's ${origin === 'field' ? 'fitted field' : 'volume.bin'} has no surface to mesh (no voxel reaches the opacity iso level)`);
  }
  return { mesh: m, origin };
}

async function exportMesh(src: ExportSource, p: ResolvedExportParams, out: string, base: string, step: Step): Promise<ExportedFiles> {
  const { mesh: m, origin } = await meshOf(src, p, step);
  const summary: Record<string, number> = { triangles: m.indices.length / 3, vertices: m.positions.length / 3 };
  const exporter = await import('../../../engine/export');
  if (p.format === 'ply') {
    step('writing PLY');
    const file = `${base}.ply`;
    const bytes = exporter.meshToPly(m);
    const counts = checkPly(bytes, file);
    if (counts.vertices !== summary.vertices || counts.faces !== summary.triangles) {
      throw new Error(`${file}: header counts ${counts.vertices} vertices / ${counts.faces} faces, wrote ${summary.vertices} / ${summary.triangles}`);
    }
    await writeFile(join(out, file), bytes);
    return { files: [file], summary: { ...summary, bytes: bytes.length }, validation: `PLY re-parsed: ${counts.vertices} vertices, ${counts.faces} faces, body matches header (mesh from ${origin})` };
  }
  step(p.preset === 'web' ? 'writing GLB (web preset: weld, quantize, meshopt)' : 'writing GLB');
  const m2 = src.manifest;
  let bytes = await exporter.meshToGlb(m, { unlit: p.unlit, provenance: { source: m2.id, sceneName: m2.name, settings: m2.settings } });
  const plainBytes = bytes.length;
  const file = p.preset === 'web' ? `${base}.web.glb` : `${base}.glb`;
  if (p.preset === 'web') {
    const { compressGlbForWeb } = await import('./export-web-glb');
    bytes = await compressGlbForWeb(bytes);
  }
  const report = await checkGlb(bytes, file);
  const { gltfValidatorVersion } = await import('../../validate-gltf');
  await writeFile(join(out, file), bytes);
  const web = p.preset === 'web' ? `, EXT_meshopt_compression (${Math.round((100 * bytes.length) / plainBytes)}% of plain)` : '';
  return {
    files: [file], summary: { ...summary, bytes: bytes.length },
    validation: `gltf-validator ${gltfValidatorVersion()}: 0 errors, ${report.warnings} warnings; ${summary.vertices} vertices, ${summary.triangles} triangles${web}`,
  };
}

async function pointsOf(src: ExportSource, p: ResolvedExportParams, step: Step): Promise<{ cloud: PointCloud; origin: string }> {
  const volume = await src.volume();
  if (volume) {
    step('reading volume.bin');
    return { cloud: gridSurfacePoints(volumeToGrid(volume)), origin: 'volume.bin surface voxels' };
  }
  if (src.manifest.files.field) {
    const res = p.res ?? (typeof src.manifest.settings.res === 'number' ? src.manifest.settings.res : DEFAULT_RES);
    step(`baking ${res}³ grid`);
    return { cloud: gridSurfacePoints((await src.grid(res)).grid), origin: 'baked field surface voxels' };
  }
  if (src.manifest.files.mesh) {
    step('reading mesh vertices');
    const { glbVertexPoints } = await import('./export-web-glb');
    const bytes = new Uint8Array(await readFile(resolveInside(src.sceneDir, src.manifest.files.mesh)));
    return { cloud: await glbVertexPoints(bytes), origin: `${src.manifest.files.mesh} vertices` };
  }
  throw new Error(`${join(src.sceneDir, 'manifest.json')}: fields "files.volume", "files.field" and "files.mesh" are all missing: no points to export`);
}

async function exportPoints(src: ExportSource, p: ResolvedExportParams, out: string, base: string, step: Step): Promise<ExportedFiles> {
  const { cloud, origin } = await pointsOf(src, p, step);
  const n = cloud.positions.length / 3;
  if (n === 0) throw new Error(`${join(src.sceneDir, 'manifest.json')}: the scene's ${origin} are empty: no occupied voxel to export as a point`);
  step('writing PLY points');
  const { pointsToPly } = await import('../../../engine/export');
  const file = `${base}.points.ply`;
  const bytes = pointsToPly(cloud.positions, cloud.colors);
  const counts = checkPly(bytes, file);
  if (counts.vertices !== n || counts.faces !== 0) throw new Error(`${file}: header counts ${counts.vertices} points / ${counts.faces} faces, wrote ${n} / 0`);
  await writeFile(join(out, file), bytes);
  return { files: [file], summary: { points: n, bytes: bytes.length }, validation: `PLY re-parsed: ${n} points, body matches header (from ${origin})` };
}

export const run: Runner = async (ctx: RunnerContext) => {
  const p = ExportParamsSchema.parse(ctx.params);
  const src = await openExportSource(p.sceneDir);
  const { splatFileOf } = await import('../../splats/splat-scene-folder');
  const splatFile = splatFileOf(p.sceneDir, src.manifest);
  const out = join(ctx.stagingDir, 'export');
  await mkdir(out, { recursive: true });
  const base = slugify(src.manifest.name) || 'scene';
  const total = 3;
  let at = 0;
  const step: Step = (message) => ctx.progress({ step: Math.min(++at, total - 1), total, losses: {}, etaSeconds: null, message });
  ctx.progress({ step: 0, total, losses: {}, etaSeconds: null, message: 'loading scene' });
  let done: ExportedFiles | null;
  if (splatFile) {
    const { exportSplats, SPLAT_EXPORT_FORMATS } = await import('../../splats/export-splats');
    const f = p.format as (typeof SPLAT_EXPORT_FORMATS)[number];
    if (!SPLAT_EXPORT_FORMATS.includes(f)) throw new Error(`${join(p.sceneDir, 'manifest.json')}: a Gaussian splat scene exports ${SPLAT_EXPORT_FORMATS.join(', ')}, not "${p.format}"`);
    done = await exportSplats(splatFile, src.manifest, f, out, base, step);
  } else if (p.format === 'spz' || p.format === 'splat') {
    throw new Error(`${join(p.sceneDir, 'manifest.json')}: format "${p.format}" needs a Gaussian splat scene (splats.ply); this scene has a voxel field`);
  } else if (p.format === 'turntable') done = await renderTurntable(ctx, src, p, out);
  else if (p.format === 'ply-points') done = await exportPoints(src, p, out, base, step);
  else done = await exportMesh(src, p, out, base, step);
  if (!done) return { status: 'stopped' };
  let thumbnail = done.thumbnail;
  const preview = src.manifest.files.preview;
  if (!thumbnail && preview && existsSync(resolveInside(p.sceneDir, preview))) {
    await copyFile(resolveInside(p.sceneDir, preview), join(out, 'thumbnail.png'));
    thumbnail = 'thumbnail.png';
  }
  if (p.format !== 'turntable') ctx.progress({ step: total, total, losses: {}, etaSeconds: 0, message: 'validated' });
  return {
    status: 'succeeded',
    summary: done.summary,
    outputs: [{
      kind: 'export', name: p.name, dir: 'export',
      fields: { format: exportManifestFormat(p, !!splatFile), sourceId: p.sourceId, files: done.files, validation: done.validation, ...(thumbnail ? { thumbnail } : {}) },
    }],
  };
};
