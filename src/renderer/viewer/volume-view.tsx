// The baked radiance field, ray-marched on the back faces of its aabb box (volume-shader.ts).
// Texture and material are made once per volume and disposed with it; drawn after the grid
// and axes (renderOrder) and blended over them.
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { DecodedVolume } from '../../shared/volume-file';
import { volumeUniformValues } from './volume-shader';
import { createVolumeMaterial, createVolumeTexture } from './volume-texture';

interface VolumeViewProps {
  volume: DecodedVolume;
  visible: boolean;
  /** Multiplies every density (1 = as baked). */
  densityScale: number;
}

export function VolumeView({ volume, visible, densityScale }: VolumeViewProps) {
  const texture = useMemo(() => createVolumeTexture(volume), [volume]);
  const material = useMemo(() => createVolumeMaterial(texture, volume), [texture, volume]);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => () => {
    material.dispose();
    texture.dispose();
  }, [material, texture]);
  useEffect(() => {
    material.uniforms.uSigmaScale.value = volumeUniformValues(volume, { densityScale }).sigmaScale;
    invalidate();
  }, [visible, material, volume, densityScale, invalidate]);
  const { min, max } = volume.aabb;
  const centre: [number, number, number] = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const size: [number, number, number] = [max[0] - min[0], max[1] - min[1], max[2] - min[2]];
  return (
    <mesh visible={visible} position={centre} scale={size} material={material} renderOrder={1} frustumCulled={false}>
      <boxGeometry args={[1, 1, 1]} />
    </mesh>
  );
}
