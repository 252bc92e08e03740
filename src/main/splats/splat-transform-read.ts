// Read splat bytes with PlayCanvas splat-transform (npm @playcanvas/splat-transform, MIT), an
// implementation independent of ours, into a SplatScene. It reads .ply, .spz (pure JS, raw
// coordinates) and .splat; it has no GLB reader (it only writes GLB).
import { allocateSplatScene } from '../../engine/splats/types';
import type { ShDegree, SplatScene } from '../../engine/splats/types';

export type CrossReadFormat = 'ply' | 'spz' | 'splat';

const DEGREE_OF_REST: Record<number, ShDegree> = { 0: 0, 9: 1, 24: 2, 45: 3 };

export async function readWithSplatTransform(bytes: Uint8Array, format: CrossReadFormat, file: string): Promise<SplatScene> {
  const st = await import('@playcanvas/splat-transform');
  const fs = new st.MemoryReadFileSystem();
  const name = `input.${format}`;
  fs.set(name, bytes);
  let sources;
  try {
    sources = await st.readFile({ filename: name, inputFormat: format, fileSystem: fs });
  } catch (err) {
    throw new Error(`${file}: splat-transform ${st.version} could not read it as .${format}: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (sources.length !== 1) throw new Error(`${file}: splat-transform returned ${sources.length} sources, expected 1`);
    const table = await st.materializeToDataTable(sources[0], st.createChunkDataPool());
    const n = table.numRows;
    const col = (name: string) => {
      const c = table.getColumnByName(name);
      if (!c) throw new Error(`${file}: splat-transform found no column "${name}"`);
      return c.data;
    };
    const rest = table.columnNames.filter((c) => c.startsWith('f_rest_')).length;
    const degree = DEGREE_OF_REST[rest];
    if (degree === undefined) throw new Error(`${file}: splat-transform found ${rest} f_rest columns`);
    const s = allocateSplatScene(n, degree);
    const put = (dst: Float32Array, per: number, names: string[]) => names.forEach((nm, k) => {
      const d = col(nm);
      for (let i = 0; i < n; i++) dst[per * i + k] = d[i];
    });
    put(s.positions, 3, ['x', 'y', 'z']);
    put(s.logScales, 3, ['scale_0', 'scale_1', 'scale_2']);
    put(s.rotations, 4, ['rot_0', 'rot_1', 'rot_2', 'rot_3']);
    put(s.opacityLogits, 1, ['opacity']);
    put(s.shDc, 3, ['f_dc_0', 'f_dc_1', 'f_dc_2']);
    put(s.shRest, rest, Array.from({ length: rest }, (_, k) => `f_rest_${k}`));
    return s;
  } finally {
    for (const src of sources) src.close?.();
  }
}

export async function splatTransformVersion(): Promise<string> {
  return (await import('@playcanvas/splat-transform')).version;
}
