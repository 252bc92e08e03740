// Mesh extraction and export timings on an analytic sphere grid.
// Run: npx tsx bench/mesh.ts [resolutions...]   (default 128 256)
import { pathToFileURL } from 'node:url';
import { meshToGlb } from '../src/engine/export';
import {
  analyticArea, analyticGrid, analyticVolume, decimateMesh, defaultIsoLevel, extractMesh, marchingCubes,
  scalarVolume, signedVolume, surfaceArea, type AnalyticShape,
} from '../src/engine/mesh';

export interface MeshBenchRow {
  resolution: number;
  /** Marching cubes alone (scalar volume prepared), milliseconds. */
  marchingCubesMs: number;
  /** extractMesh: volume, marching cubes, colours, component cleanup, milliseconds. */
  extractMs: number;
  triangles: number;
  vertices: number;
  areaErrorPct: number;
  volumeErrorPct: number;
  /** decimateMesh to 25 % of the triangles, milliseconds. */
  decimateMs: number;
  /** meshToGlb of the full mesh, milliseconds, and its size. */
  glbMs: number;
  glbMB: number;
}

const SPHERE: AnalyticShape = { kind: 'sphere', center: [0.01, 0.02, -0.01], radius: 0.7, color: [0.8, 0.6, 0.4] };

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
};

export async function runMeshBench(resolutions: number[] = [128, 256]): Promise<MeshBenchRow[]> {
  const rows: MeshBenchRow[] = [];
  for (const resolution of resolutions) {
    const grid = analyticGrid([SPHERE], { resolution });
    const iso = defaultIsoLevel(grid, 'opacity');
    const volume = scalarVolume(grid, 'opacity', iso, true);
    const [, marchingCubesMs] = await time(() => marchingCubes(volume, iso));
    const [mesh, extractMs] = await time(() => extractMesh(grid));
    const [, decimateMs] = await time(() => decimateMesh(mesh, { ratio: 0.25 }));
    const [glb, glbMs] = await time(() => meshToGlb(mesh));
    rows.push({
      resolution, marchingCubesMs, extractMs,
      triangles: mesh.indices.length / 3, vertices: mesh.positions.length / 3,
      areaErrorPct: 100 * (surfaceArea(mesh) / analyticArea(SPHERE) - 1),
      volumeErrorPct: 100 * (signedVolume(mesh) / analyticVolume(SPHERE) - 1),
      decimateMs, glbMs, glbMB: glb.length / 2 ** 20,
    });
  }
  return rows;
}

export function formatMeshBench(rows: MeshBenchRow[]): string {
  const head = ['res', 'MC ms', 'extract ms', 'triangles', 'vertices', 'area err %', 'vol err %', 'decimate 25% ms', 'GLB ms', 'GLB MB'];
  const body = rows.map((r) => [
    `${r.resolution}^3`, r.marchingCubesMs.toFixed(0), r.extractMs.toFixed(0), String(r.triangles), String(r.vertices),
    r.areaErrorPct.toFixed(3), r.volumeErrorPct.toFixed(3), r.decimateMs.toFixed(0), r.glbMs.toFixed(0), r.glbMB.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n >= 2);
  runMeshBench(args.length ? args : undefined).then((rows) => console.log(formatMeshBench(rows)), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
