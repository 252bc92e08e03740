// A Gaussian splat scene in the r3f canvas, drawn by Spark (@sparkjsdev/spark, MIT, World Labs):
// a maintained three.js splat renderer that reads the 3DGS .ply directly (all SH bands), sorts
// splats in a worker and composes with the rest of the three.js scene (grid, cameras, crop box),
// so orbit, turntable and screenshots work as for meshes. drei's <Splat> reads only .splat (no SH).
// The canvas renders on demand: Spark's onDirty asks for a frame when a sort finishes.
import { useThree } from '@react-three/fiber';
import { SparkRenderer, SplatFileType, SplatMesh } from '@sparkjsdev/spark';
import { useEffect } from 'react';
import type { Bounds } from './camera-fit';

export interface SplatStats {
  /** Gaussians Spark loaded. */
  splats: number;
  /** Bytes Spark holds for them (packed splats + SH arrays). */
  memoryBytes: number;
  /** Highest SH degree Spark kept. */
  shDegree: number;
  bounds: Bounds;
}

interface SplatViewProps {
  url: string;
  visible: boolean;
  onLoaded(stats: SplatStats): void;
  onError(error: unknown): void;
}

function typedBytes(v: unknown): number {
  return ArrayBuffer.isView(v) ? v.byteLength : 0;
}

/** Spark's packed memory: 16 bytes a splat in packedArray, plus the extra SH arrays. */
export function splatMemoryBytes(mesh: SplatMesh): number {
  const packed = mesh.packedSplats;
  if (!packed) return 0;
  return typedBytes(packed.packedArray) + Object.values(packed.extra ?? {}).reduce<number>((a, v) => a + typedBytes(v), 0);
}

export function SplatView({ url, visible, onLoaded, onError }: SplatViewProps) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    const spark = new SparkRenderer({ renderer: gl, onDirty: () => invalidate() });
    scene.add(spark);
    // The URL carries a cache-busting query, so name the type instead of letting Spark guess it.
    const mesh = new SplatMesh({ url, fileType: SplatFileType.PLY, fileName: 'splats.ply' });
    mesh.name = 'splats';
    scene.add(mesh);
    let live = true;
    mesh.initialized.then(
      (m) => {
        if (!live) return;
        const box = m.getBoundingBox(true);
        const count = m.packedSplats?.numSplats ?? 0;
        const extra = m.packedSplats?.extra ?? {};
        const shDegree = 'sh3' in extra ? 3 : 'sh2' in extra ? 2 : 'sh1' in extra ? 1 : 0;
        onLoaded({ splats: count, memoryBytes: splatMemoryBytes(m), shDegree, bounds: { min: box.min.toArray(), max: box.max.toArray() } });
        invalidate();
      },
      (e: unknown) => { if (live) onError(e); },
    );
    return () => {
      live = false;
      scene.remove(mesh);
      scene.remove(spark);
      mesh.dispose();
      spark.dispose?.();
    };
  }, [url, gl, scene, invalidate, onLoaded, onError]);

  useEffect(() => {
    const mesh = scene.getObjectByName('splats');
    if (mesh) mesh.visible = visible;
    invalidate();
  }, [visible, scene, invalidate]);

  return null;
}
