// The capture's sparse structure-from-motion points, drawn as small coloured dots over the scene.
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { PointsMaterial, type BufferGeometry } from 'three';

export function SparsePoints({ geometry, size }: { geometry: BufferGeometry; size: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const hasColour = !!geometry.getAttribute('color');
  const material = useMemo(
    () => new PointsMaterial({ size, sizeAttenuation: true, vertexColors: hasColour, color: hasColour ? '#ffffff' : '#7aa7ff', toneMapped: false }),
    [size, hasColour],
  );
  useEffect(() => () => material.dispose(), [material]);
  useEffect(() => {
    invalidate();
    return () => invalidate();
  }, [geometry, material, invalidate]);
  return <points geometry={geometry} material={material} renderOrder={1} />;
}
