// Loads a scene's GLB (vertex colours) and shows it with the chosen material mode (shaded,
// vertex colour, wireframe or a procedural matcap). Reports the bounds and mesh statistics once
// per load — never from the frame loop.
import { useGLTF } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import {
  Box3, Color, DoubleSide, Mesh, MeshBasicMaterial, MeshMatcapMaterial, MeshStandardMaterial, Points, PointsMaterial,
  type BufferGeometry, type Material, type Object3D, type Texture,
} from 'three';
import type { Bounds } from './camera-fit';
import { createMatcapTexture } from './matcap';
import type { MeshMode } from './render-modes';

export interface MeshStats {
  vertices: number;
  triangles: number;
  points: number;
  hasVertexColours: boolean;
  hasTexture: boolean;
  bounds: Bounds;
}

interface SceneModelProps {
  url: string;
  mode: MeshMode;
  visible: boolean;
  onLoaded(stats: MeshStats): void;
}

export function SceneModel({ url, mode, visible, onLoaded }: SceneModelProps) {
  // No Draco/meshopt decoders: plain GLB only, and nothing is fetched from a CDN.
  const gltf = useGLTF(url, false, false);
  const root = useMemo(() => {
    const copy = gltf.scene.clone(true);
    // Keep the file's own materials (shared with the loader cache, never disposed here) so
    // every mode can reuse their texture and base colour.
    copy.traverse((o) => {
      if (o instanceof Mesh || o instanceof Points) o.userData.originalMaterial = o.material;
    });
    return copy;
  }, [gltf]);
  const stats = useMemo(() => measure(root), [root]);
  const invalidate = useThree((s) => s.invalidate);
  const matcap = useMemo(() => (mode === 'matcap' ? createMatcapTexture() : null), [mode]);

  useLayoutEffect(() => {
    onLoaded(stats);
  }, [stats, onLoaded]);

  useEffect(() => {
    const created: Material[] = [];
    root.traverse((o) => {
      if (o instanceof Mesh || o instanceof Points) {
        const material = makeMaterial(o, mode, matcap);
        created.push(material);
        o.material = material;
      }
    });
    invalidate();
    return () => created.forEach((m) => m.dispose());
  }, [root, mode, matcap, invalidate]);
  useEffect(() => () => matcap?.dispose(), [matcap]);
  useEffect(() => invalidate(), [visible, invalidate]);

  return <primitive object={root} visible={visible} />;
}

function hasColours(geometry: BufferGeometry): boolean {
  return geometry.getAttribute('color') !== undefined;
}

interface SourceLook {
  map: Texture | null;
  color: Color;
}

/** Texture and base colour of the material the file gave an object (first one if several). */
function sourceLook(object: Mesh | Points): SourceLook {
  const original = object.userData.originalMaterial as Material | Material[] | undefined;
  const m = (Array.isArray(original) ? original[0] : original) as (Material & { map?: Texture | null; color?: Color }) | undefined;
  return { map: m?.map ?? null, color: m?.color?.clone() ?? new Color(1, 1, 1) };
}

function makeMaterial(object: Mesh | Points, mode: MeshMode, matcap: Texture | null): Material {
  const vertexColors = hasColours(object.geometry);
  const { map, color } = sourceLook(object);
  if (object instanceof Points) {
    return new PointsMaterial({ vertexColors, color, size: 2, sizeAttenuation: false, toneMapped: false });
  }
  switch (mode) {
    case 'colour':
      return new MeshBasicMaterial({ vertexColors, map, color, side: DoubleSide, toneMapped: false });
    case 'shaded':
      return new MeshStandardMaterial({ vertexColors, map, color, roughness: 0.85, metalness: 0, side: DoubleSide });
    case 'wireframe':
      return new MeshBasicMaterial({ vertexColors, map, color, wireframe: true, toneMapped: false });
    case 'matcap':
      // Clay look: the lit-sphere texture alone shows the shape, independent of the colours.
      return new MeshMatcapMaterial({ matcap, side: DoubleSide });
  }
}

function measure(root: Object3D): MeshStats {
  root.updateMatrixWorld(true);
  const box = new Box3().setFromObject(root);
  let vertices = 0;
  let triangles = 0;
  let points = 0;
  let hasVertexColours = false;
  let hasTexture = false;
  root.traverse((o) => {
    if (!(o instanceof Mesh || o instanceof Points)) return;
    const g = o.geometry as BufferGeometry;
    hasTexture ||= sourceLook(o).map !== null;
    const count = g.getAttribute('position')?.count ?? 0;
    hasVertexColours ||= hasColours(g);
    if (o instanceof Points) {
      points += count;
      return;
    }
    vertices += count;
    triangles += (g.index ? g.index.count : count) / 3;
  });
  return {
    vertices, triangles: Math.floor(triangles), points, hasVertexColours, hasTexture,
    bounds: { min: [box.min.x, box.min.y, box.min.z], max: [box.max.x, box.max.y, box.max.z] },
  };
}
