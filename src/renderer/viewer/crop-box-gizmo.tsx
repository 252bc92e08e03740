// The crop box in the 3D view: its edges, and when editing, drei's TransformControls on it to move
// (translate) or resize (scale) it. The box object is a unit cube scaled to the box size, so the
// gizmo's position is the box centre and its scale the box size; every drag reports the new box.
import { TransformControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, type Mesh } from 'three';
import type { CropBox } from '../../shared';
import { MIN_CROP_SIZE, boxFromCentreSize, centreOf, sizeOf } from './crop-box-math';

export type CropEditMode = 'translate' | 'scale' | null;

interface CropBoxGizmoProps {
  box: CropBox;
  mode: CropEditMode;
  onChange(box: CropBox): void;
}

export function CropBoxGizmo({ box, mode, onChange }: CropBoxGizmoProps) {
  const invalidate = useThree((s) => s.invalidate);
  const mesh = useRef<Mesh>(null);
  const edges = useMemo(() => new EdgesGeometry(new BoxGeometry(1, 1, 1)), []);
  const material = useMemo(() => new LineBasicMaterial({ color: '#4ee0a8', depthTest: false, toneMapped: false }), []);
  useEffect(() => () => { edges.dispose(); material.dispose(); }, [edges, material]);
  const centre = centreOf(box);
  const size = sizeOf(box).map((v) => Math.max(MIN_CROP_SIZE, Math.abs(v))) as [number, number, number];
  useEffect(() => { invalidate(); }, [box, mode, invalidate]);
  const report = () => {
    const m = mesh.current;
    if (!m) return;
    onChange(boxFromCentreSize([m.position.x, m.position.y, m.position.z], [Math.abs(m.scale.x), Math.abs(m.scale.y), Math.abs(m.scale.z)]));
  };
  return (
    <>
      <mesh ref={mesh} position={centre} scale={size} renderOrder={3}>
        <boxGeometry args={[1, 1, 1]} />
        <meshBasicMaterial color="#4ee0a8" transparent opacity={0.12} depthWrite={false} toneMapped={false} />
        <lineSegments geometry={edges} material={material} renderOrder={3} />
      </mesh>
      {mode && mesh.current && (
        <TransformControls object={mesh.current} mode={mode} size={0.8} onMouseUp={report} onObjectChange={() => invalidate()} />
      )}
    </>
  );
}
