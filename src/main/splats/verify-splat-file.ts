// Check a written splat file before an export is reported done:
//   1. re-read it with our decoder (src/engine/splats/io) and compare with the scene written;
//   2. read it with an independent implementation, PlayCanvas splat-transform (.ply, .spz,
//      .splat), and compare the same way. splat-transform cannot read GLB, so a GLB is checked by
//      the Khronos validator (see validate-splat-glb.ts for the one class of errors it raises on
//      the extension's attribute names) and by decoding, with our reader, the GLB that
//      splat-transform *writes* from our .ply of the same scene: its encoding of activations,
//      quaternion order and SH attribute names must agree with ours.
//      splat-transform assumes a .ply holds the y-down COLMAP/3DGS convention and turns it 180
//      degrees about Z for glTF's y-up (x, y -> -x, -y); we write the studio's y-up world as is,
//      so its GLB is turned back the same way before comparing.
// Each comparison is within the format's quantisation (src/engine/splats/io/compare.ts).
import {
  SPLAT_TOLERANCES, compareSplatScenes, decodeSplatBinary, decodeSplatGlb, decodeSplatPly, decodeSpz,
  encodeSplatPly, readSpzHeader, splatImportanceOrder,
} from '../../engine/splats/io';
import type { SplatComparison, SplatFileFormat, SplatTolerance } from '../../engine/splats/io';
import type { SplatScene } from '../../engine/splats/types';
import { readWithSplatTransform, splatTransformVersion } from './splat-transform-read';
import { validateSplatGlb } from './validate-splat-glb';

export interface SplatFileCheck {
  format: SplatFileFormat;
  count: number;
  own: SplatComparison;
  independent: SplatComparison;
  /** One line for the export manifest's `validation`. */
  summary: string;
}

const fmt = (c: SplatComparison) => `max |dpos| ${c.maxError.position.toExponential(1)}, |dopacity| ${c.maxError.opacity.toExponential(1)}, |dcolour| ${c.maxError.colour.toExponential(1)}`;

async function spzTolerance(bytes: Uint8Array): Promise<SplatTolerance> {
  const { gunzipSync } = await import('fflate');
  const bits = readSpzHeader(gunzipSync(bytes).subarray(0, 16)).fractionalBits;
  return { ...SPLAT_TOLERANCES.spz, position: 0.5 * 2 ** -bits + 1e-5 };
}

/**
 * The scene turned 180 degrees about Z: positions (x, y, z) -> (-x, -y, z); quaternion
 * q' = (0, 0, 0, 1) * q, i.e. (w, x, y, z) -> (-z, -y, x, w); SH coefficient of order m gets
 * (-1)^m (each real SH basis function of order m has |m| factors of x or y, up to parity).
 */
export function turnAboutZ(s: SplatScene): SplatScene {
  const t = { ...s, positions: s.positions.slice(), rotations: s.rotations.slice(), shRest: s.shRest.slice() };
  const dim = (s.shDegree + 1) ** 2 - 1;
  for (let i = 0; i < s.count; i++) {
    t.positions[3 * i] = -s.positions[3 * i];
    t.positions[3 * i + 1] = -s.positions[3 * i + 1];
    const [w, x, y, z] = s.rotations.subarray(4 * i, 4 * i + 4);
    t.rotations.set([-z, -y, x, w], 4 * i);
    for (let c = 0; c < dim; c++) {
      const l = Math.floor(Math.sqrt(c + 1)), m = c + 1 - l * l - l;
      if (m % 2 !== 0) for (let ch = 0; ch < 3; ch++) t.shRest[3 * dim * i + dim * ch + c] *= -1;
    }
  }
  return t;
}

/** Re-read `bytes` two ways and compare with `expected`; throws naming the file and the quantity on mismatch. */
export async function verifySplatFile(bytes: Uint8Array, format: SplatFileFormat, expected: SplatScene, file: string): Promise<SplatFileCheck> {
  const decoded = format === 'ply' ? decodeSplatPly(bytes, file) : format === 'spz' ? decodeSpz(bytes, file) : format === 'splat' ? decodeSplatBinary(bytes, file) : null;
  const tol = format === 'spz' ? await spzTolerance(bytes) : SPLAT_TOLERANCES[format];
  const order = format === 'splat' ? splatImportanceOrder(expected) : undefined;
  const version = await splatTransformVersion();
  if (format === 'glb') {
    const report = await validateSplatGlb(bytes);
    if (report.errors > 0) {
      throw new Error(`${file}: glTF validation failed with ${report.errors} error(s): ${report.messages.filter((m) => m.startsWith('ERROR')).slice(0, 5).join('; ')}`);
    }
    const own = compareSplatScenes(expected, await decodeSplatGlb(bytes, file), tol, `${file} (re-read)`);
    const st = await import('@playcanvas/splat-transform');
    const table = await st.materializeToDataTable((await st.readFile({
      filename: 'x.ply', inputFormat: 'ply', fileSystem: (() => { const f = new st.MemoryReadFileSystem(); f.set('x.ply', encodeSplatPly(expected)); return f; })(),
    }))[0], st.createChunkDataPool());
    const out = new st.MemoryFileSystem();
    await st.writeGlb({ filename: 'x.glb', dataTable: table }, out);
    const theirs = out.results.get('x.glb');
    if (!theirs) throw new Error(`${file}: splat-transform ${version} wrote no GLB to compare with`);
    const independent = compareSplatScenes(expected, turnAboutZ(await decodeSplatGlb(theirs, 'splat-transform GLB')), { ...tol, opacity: 1e-5, logScale: 1e-4 }, `${file} (vs splat-transform ${version}'s GLB of the same scene)`);
    return {
      format, count: own.count, own, independent,
      summary: `gltf-validator: 0 errors (${report.extensionAttributes} "invalid attribute name" on KHR_gaussian_splatting:* semantics the validator predates), ${report.warnings} warnings; re-read ${own.count} Gaussians (${fmt(own)}); splat-transform ${version}'s GLB of the same scene decodes to the same values`,
    };
  }
  if (!decoded) throw new Error(`${file}: no decoder for format ${format}`);
  const own = compareSplatScenes(expected, decoded, tol, `${file} (re-read)`, order);
  const independent = compareSplatScenes(expected, await readWithSplatTransform(bytes, format, file), tol, `${file} (read by splat-transform ${version})`, order);
  return {
    format, count: own.count, own, independent,
    summary: `re-read ${own.count} Gaussians (${fmt(own)}); splat-transform ${version} read ${independent.count} (${fmt(independent)}), within .${format} quantisation`,
  };
}
