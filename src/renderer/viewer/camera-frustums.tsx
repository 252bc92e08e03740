// The source capture's cameras as line pyramids (lib/frustum-geometry.ts), drawn over the scene.
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial } from 'three';
import type { CaptureCameras } from '../../shared';
import type { Bounds } from './camera-fit';
import { frustumBuffers, frustumDepth } from '../lib/frustum-geometry';

interface CameraFrustumsProps {
  cameras: CaptureCameras;
  bounds: Bounds | null;
}

export function CameraFrustums({ cameras, bounds }: CameraFrustumsProps) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => {
    const box = cameras.aabb ?? bounds ?? { min: [0, 0, 0], max: [0, 0, 0] };
    const centre: [number, number, number] = [0, 1, 2].map((i) => (box.min[i] + box.max[i]) / 2) as [number, number, number];
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(frustumBuffers(cameras.views, frustumDepth(cameras.views, centre, 0.12)).positions, 3));
    return g;
  }, [cameras, bounds]);
  const material = useMemo(() => new LineBasicMaterial({ color: '#f3b54a', transparent: true, opacity: 0.85, depthTest: false, toneMapped: false }), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  useEffect(() => {
    invalidate();
    return () => invalidate();
  }, [geometry, invalidate]);
  return <lineSegments geometry={geometry} material={material} renderOrder={2} frustumCulled={false} />;
}
