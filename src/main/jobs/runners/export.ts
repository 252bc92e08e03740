// Runner `export`: a scene's field -> baked grid -> mesh -> GLB or PLY, validated before done.
// Output: one export item in `<stagingDir>/export` holding the file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { slugify } from '../../workspace';
import { ExportParamsSchema } from './export-params';
import { checkGlb, checkPly } from './output-checks';
import { loadSceneField } from './scene-folder';
import type { Runner } from './types';

export const run: Runner = async (ctx) => {
  const p = ExportParamsSchema.parse(ctx.params);
  const [recon, mesh, exporter] = await Promise.all([
    import('../../../engine/recon'), import('../../../engine/mesh'), import('../../../engine/export'),
  ]);
  const total = 3;
  ctx.progress({ step: 0, total, losses: {}, etaSeconds: null, message: 'loading scene' });
  const { manifest, scene } = await loadSceneField(p.sceneDir);
  const res = typeof manifest.settings.res === 'number' ? manifest.settings.res : p.res;
  ctx.progress({ step: 1, total, losses: {}, etaSeconds: null, message: `baking ${res}³ grid` });
  const grid = recon.bakeGrid(scene, res);
  const m = mesh.extractMesh(grid);
  ctx.progress({ step: 2, total, losses: {}, etaSeconds: null, message: `writing ${p.format.toUpperCase()}` });
  const file = `${slugify(manifest.name) || 'scene'}.${p.format}`;
  let bytes: Uint8Array;
  const stats: Record<string, number> = { triangles: m.indices.length / 3, vertices: m.positions.length / 3 };
  if (p.format === 'glb') {
    bytes = await exporter.meshToGlb(m, {
      unlit: p.unlit, provenance: { source: manifest.id, sceneName: manifest.name, settings: manifest.settings },
    });
    await checkGlb(bytes, file);
  } else {
    bytes = exporter.meshToPly(m);
    checkPly(bytes, file);
  }
  const out = join(ctx.stagingDir, 'export');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, file), bytes);
  ctx.progress({ step: 3, total, losses: {}, etaSeconds: 0, message: 'done' });
  return {
    status: 'succeeded',
    summary: { ...stats, bytes: bytes.length },
    outputs: [{ kind: 'export', name: p.name, dir: 'export', fields: { format: p.format, sourceId: p.sourceId, files: [file] } }],
  };
};
