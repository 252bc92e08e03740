// Mesh decimation with meshoptimizer's simplifier (quadric edge collapse, Garland & Heckbert
// 1997, with vertex-attribute error). Async because its WebAssembly module must load.
//
// Steps:
//  1. Validate options; nothing to do for ratio 1 or an empty mesh.
//  2. Simplify the index buffer to ratio * triangles (colours weigh into the error, so
//     colour borders survive longer); collapsed vertices keep their own attributes.
//  3. Compact: drop vertices no triangle uses.
import { MeshoptSimplifier } from 'meshoptimizer';
import { compactMesh } from './components';
import { DECIMATE_DEFAULTS, type DecimateOptions, type Mesh } from './types';

const FILE = 'src/engine/mesh/decimate.ts';

export interface DecimateResult {
  mesh: Mesh;
  /** Geometric error reached, relative to the mesh extent (meshoptimizer's result_error). */
  error: number;
}

export async function decimateMesh(mesh: Mesh, options: Partial<DecimateOptions> = {}): Promise<DecimateResult> {
  // 1.
  const o = { ...DECIMATE_DEFAULTS, ...options };
  if (!(o.ratio > 0 && o.ratio <= 1)) throw new Error(`${FILE}: options.ratio must be in (0, 1], got ${o.ratio}`);
  if (!(o.targetError >= 0 && Number.isFinite(o.targetError))) {
    throw new Error(`${FILE}: options.targetError must be a finite number >= 0, got ${o.targetError}`);
  }
  if (!(o.colorWeight >= 0 && Number.isFinite(o.colorWeight))) {
    throw new Error(`${FILE}: options.colorWeight must be a finite number >= 0, got ${o.colorWeight}`);
  }
  if (o.ratio === 1 || mesh.indices.length === 0) return { mesh, error: 0 };
  await MeshoptSimplifier.ready;
  if (!MeshoptSimplifier.supported) throw new Error(`${FILE}: meshoptimizer's simplifier needs WebAssembly, which is unavailable`);
  // 2.
  const target = Math.max(3, Math.floor((mesh.indices.length / 3) * o.ratio) * 3);
  const flags: ('LockBorder')[] = o.lockBorder ? ['LockBorder'] : [];
  const w = o.colorWeight;
  const [indices, error] = MeshoptSimplifier.simplifyWithAttributes(
    mesh.indices, mesh.positions, 3, mesh.colors, 3, [w, w, w], null, target, o.targetError, flags);
  // 3.
  return { mesh: compactMesh({ ...mesh, indices }), error };
}
