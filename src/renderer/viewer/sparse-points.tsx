// The capture's sparse structure-from-motion points, drawn as small coloured dots over the scene
// (without depth test, like the camera frustums: most lie on the surface the volume draws).
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { PointsMaterial, type BufferGeometry } from 'three';

export function SparsePoints({ geometry, size }: { geometry: BufferGeometry; size: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const hasColour = !!geometry.getAttribute('color');
  const material = useMemo(
    () => new PointsMaterial({ size, sizeAttenuation: true, vertexColors: hasColour, color: hasColour ? '#ffffff' : '#7aa7ff', toneMapped: false, depthTest: false, transparent: true }),
    [size, hasColour],
  );
  useEffect(() => () => material.dispose(), [material]);
  useEffect(() => {
    invalidate();
    return () => invalidate();
  }, [geometry, material, invalidate]);
  return <points geometry={geometry} material={material} renderOrder={2} frustumCulled={false} />;
}
