// Marching-cubes case triangulations, derived from first principles instead of a copied
// lookup table (Lorensen & Cline 1987 enumerate the same 256 sign configurations).
//
// Cube corners: corner c sits at (c & 1, (c >> 1) & 1, (c >> 2) & 1); a corner is "inside"
// when its value is above the iso-level. Edges 0-3 run along x, 4-7 along y, 8-11 along z
// (CUBE_EDGES lists their end corners). A case is the 8-bit inside mask plus one bit per
// face telling how an ambiguous face (inside corners on one diagonal, outside on the
// other) is resolved: 1 = the two inside corners are joined across the face (the
// bilinear saddle is inside, the asymptotic decider of Nielson & Hamann 1991).
//
// Steps for one case:
//  1. On each face, walk its corners counter-clockwise seen from outside the cube; the
//     iso-line crosses every edge whose ends differ. Each crossing is either out->in or
//     in->out along the walk.
//  2. Pair every out->in crossing with an in->out crossing (the next one along the walk, or
//     on a face resolved as "joined" the previous one): a directed segment with the inside
//     region on its right seen from outside. Two faces share each edge and walk it in
//     opposite directions, so every crossing starts exactly one segment and ends one.
//  3. Chain segments into closed loops and triangulate each loop with diagonals that stay
//     off the cube faces (else around an extra centroid vertex). Loop order gives
//     triangles whose right-hand normal points from inside to outside.
// Because step 2 depends only on a face's own corners, neighbouring cubes agree on their
// shared face and the surface is watertight.

/** End corners of the 12 cube edges. */
export const CUBE_EDGES: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [2, 3], [4, 5], [6, 7],
  [0, 2], [1, 3], [4, 6], [5, 7],
  [0, 4], [1, 5], [2, 6], [3, 7],
];

export const cornerOffset = (c: number): [number, number, number] => [c & 1, (c >> 1) & 1, (c >> 2) & 1];

function edgeBetween(a: number, b: number): number {
  const e = CUBE_EDGES.findIndex(([p, q]) => (p === a && q === b) || (p === b && q === a));
  if (e < 0) throw new Error(`mc-cases.ts: corners ${a} and ${b} share no edge`);
  return e;
}

/** The 6 faces as corner cycles, counter-clockwise seen from outside the cube. */
export const CUBE_FACES: ReadonlyArray<readonly [number, number, number, number]> = (() => {
  const faces: [number, number, number, number][] = [];
  for (let axis = 0; axis < 3; axis++) {
    const u = (axis + 1) % 3;
    const v = (axis + 2) % 3;
    for (let side = 0; side < 2; side++) {
      const corner = (bu: number, bv: number): number => (side << axis) | (bu << u) | (bv << v);
      const cycle: [number, number, number, number] = [corner(0, 0), corner(1, 0), corner(1, 1), corner(0, 1)];
      // (1,0)-(0,0) cross (1,1)-(1,0) = e_u x e_v = +e_axis for this cyclic (u, v) order;
      // the outward normal is +e_axis on side 1 and -e_axis on side 0.
      if (side === 0) cycle.reverse();
      faces.push(cycle);
    }
  }
  return faces;
})();

/** Per face: its 4 edges in walk order (edge k joins cycle[k] and cycle[k+1]). */
const FACE_EDGES: number[][] = CUBE_FACES.map((cyc) => cyc.map((c, k) => edgeBetween(c, cyc[(k + 1) % 4])));

/** True when a face has the alternating (ambiguous) pattern for this inside mask. */
export function faceIsAmbiguous(mask: number, face: number): boolean {
  const [a, b, c, d] = CUBE_FACES[face].map((corner) => (mask >> corner) & 1);
  return a === c && b === d && a !== b;
}

export interface CaseTriangulation {
  /** Vertex codes, three per triangle: 0-11 = the vertex on that cube edge, 12 + m = the
   *  m-th extra vertex at the centroid of the loop listed in centroids[m]. */
  triangles: Int8Array;
  /** Loops (cube edge lists) that need a centroid vertex. */
  centroids: number[][];
}

/** Cube edges lying on a common cube face (a diagonal between them would lie on a face). */
const EDGES_SHARE_FACE: boolean[][] = CUBE_EDGES.map((_, a) =>
  CUBE_EDGES.map((__, b) => FACE_EDGES.some((fe) => fe.includes(a) && fe.includes(b))));

/** Triangulation for an inside mask and face resolution bits (see the header for steps). */
export function triangulateCase(mask: number, joinedFaces: number): CaseTriangulation {
  const next = new Map<number, number>(); // segment start edge -> end edge
  for (let f = 0; f < 6; f++) {
    const cyc = CUBE_FACES[f];
    const edges = FACE_EDGES[f];
    const inside = cyc.map((corner) => (mask >> corner) & 1);
    const crossings: { edge: number; entering: boolean }[] = [];
    for (let k = 0; k < 4; k++) {
      const a = inside[k];
      const b = inside[(k + 1) % 4];
      if (a !== b) crossings.push({ edge: edges[k], entering: b === 1 });
    }
    const n = crossings.length;
    const joined = n === 4 && ((joinedFaces >> f) & 1) === 1;
    for (let i = 0; i < n; i++) {
      if (!crossings[i].entering) continue;
      const j = joined ? (i + n - 1) % n : (i + 1) % n;
      if (crossings[j].entering) throw new Error(`mc-cases.ts: bad crossing order, mask ${mask}`);
      next.set(crossings[i].edge, crossings[j].edge);
    }
  }
  const triangles: number[] = [];
  const centroids: number[][] = [];
  const visited = new Set<number>();
  for (const start of next.keys()) {
    if (visited.has(start)) continue;
    const loop: number[] = [];
    let e = start;
    while (!visited.has(e)) {
      visited.add(e);
      loop.push(e);
      const to = next.get(e);
      if (to === undefined) throw new Error(`mc-cases.ts: open loop, mask ${mask}`);
      e = to;
    }
    if (e !== start || loop.length < 3) throw new Error(`mc-cases.ts: malformed loop, mask ${mask}`);
    if (!triangulateLoop(loop, triangles)) {
      // No triangulation keeps its diagonals off the cube faces: fan around a centroid.
      const c = 12 + centroids.length;
      centroids.push(loop);
      for (let k = 0; k < loop.length; k++) triangles.push(c, loop[k], loop[(k + 1) % loop.length]);
    }
  }
  return { triangles: Int8Array.from(triangles), centroids };
}

/**
 * Step 3: triangulate a loop using only diagonals that do not lie on a cube face. A face
 * diagonal could also be chosen by the neighbouring cube, making an edge with four
 * triangles; interior diagonals belong to this cube alone, so the result stays manifold.
 * Interval dynamic programme over the polygon (loops have at most 12 vertices).
 */
function triangulateLoop(loop: number[], out: number[]): boolean {
  const n = loop.length;
  const allowed = (i: number, j: number): boolean =>
    j - i === 1 || (i === 0 && j === n - 1) || !EDGES_SHARE_FACE[loop[i]][loop[j]];
  const split = new Int8Array(n * n).fill(-1); // best apex k for interval (i, j); -2 = impossible
  const solve = (i: number, j: number): boolean => {
    if (j - i < 2) return true;
    const at = i * n + j;
    if (split[at] !== -1) return split[at] >= 0;
    split[at] = -2;
    for (let k = i + 1; k < j; k++) {
      if (allowed(i, k) && allowed(k, j) && solve(i, k) && solve(k, j)) {
        split[at] = k;
        break;
      }
    }
    return split[at] >= 0;
  };
  if (!solve(0, n - 1)) return false;
  const emit = (i: number, j: number): void => {
    if (j - i < 2) return;
    const k = split[i * n + j];
    out.push(loop[i], loop[k], loop[j]);
    emit(i, k);
    emit(k, j);
  };
  emit(0, n - 1);
  return true;
}

/**
 * Lazily filled cache of triangulations, keyed by mask | joinedFaces << 8
 * (joinedFaces only ever has bits for ambiguous faces, so at most 256 * 64 keys).
 */
export class CaseTable {
  private readonly cache: (CaseTriangulation | undefined)[] = new Array(256 * 64);

  get(mask: number, joinedFaces: number): CaseTriangulation {
    const key = mask | (joinedFaces << 8);
    let entry = this.cache[key];
    if (entry === undefined) {
      entry = triangulateCase(mask, joinedFaces);
      this.cache[key] = entry;
    }
    return entry;
  }
}
