// 3D preview of a capture's cameras: one line pyramid per view, coloured by split, the scene's
// bounding box, a ground grid, and orbit controls. react-three-fiber renders on demand
// (frameloop "demand": drei's OrbitControls invalidates on every change), so an idle preview
// costs nothing. Loaded lazily (three.js is a large chunk) by import-dialog and frustum-dialog.
import { OrbitControls } from '@react-three/drei';
import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial } from 'three';
import type { CaptureCameras } from '../../shared';
import { AABB_COLOUR, SPLIT_COLOURS, boxEdges, frustumBuffers, frustumDepth, sceneFrame, splitCounts } from '../lib/frustum-geometry';

export const FRUSTUM_BACKGROUND = '#0e1116';

function Lines({ positions, colours, colour }: { positions: Float32Array; colours?: Float32Array; colour?: string }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(positions, 3));
    if (colours) g.setAttribute('color', new Float32BufferAttribute(colours, 3));
    return g;
  }, [positions, colours]);
  const material = useMemo(() => new LineBasicMaterial(colours ? { vertexColors: true } : { color: colour }), [colours, colour]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  useEffect(() => invalidate(), [geometry, invalidate]);
  return <lineSegments geometry={geometry} material={material} frustumCulled={false} />;
}

const hex = (c: readonly number[]) => `#${c.map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;

export function FrustumPreview({ cameras, height = 320 }: { cameras: CaptureCameras; height?: number }) {
  const frame = useMemo(() => sceneFrame(cameras), [cameras]);
  const frustums = useMemo(() => frustumBuffers(cameras.views, frustumDepth(cameras.views, frame.centre)), [cameras, frame]);
  const box = useMemo(() => (cameras.aabb ? boxEdges(cameras.aabb.min, cameras.aabb.max) : null), [cameras]);
  const counts = splitCounts(cameras.views);
  // Start outside every camera, looking at the scene centre from above and to the side.
  const far = Math.max(frame.radius, ...cameras.views.map((v) => Math.hypot(v.c2w[12] - frame.centre[0], v.c2w[13] - frame.centre[1], v.c2w[14] - frame.centre[2])));
  const eye: [number, number, number] = [frame.centre[0] + far * 2, frame.centre[1] + far * 1.4, frame.centre[2] + far * 2];
  const { centre } = frame;
  return (
    <figure className="frustum-preview" data-testid="frustum-preview" data-views={cameras.views.length}>
      <div className="frustum-canvas" style={{ height }}>
        <Canvas
          frameloop="demand"
          flat
          dpr={[1, 2]}
          gl={{ preserveDrawingBuffer: true, antialias: true }}
          camera={{ fov: 45, near: far * 0.01, far: far * 20, position: eye }}
          data-testid="frustum-canvas"
          aria-label={`Camera positions of ${cameras.views.length} views`}
        >
          <color attach="background" args={[FRUSTUM_BACKGROUND]} />
          <gridHelper args={[far * 3, 12, '#2b3240', '#1c222c']} position={[centre[0], cameras.aabb ? cameras.aabb.min[1] : centre[1] - frame.radius, centre[2]]} />
          <Lines positions={frustums.positions} colours={frustums.colours} />
          {box && <Lines positions={box} colour={hex(AABB_COLOUR)} />}
          <OrbitControls makeDefault enableDamping={false} target={centre} />
        </Canvas>
      </div>
      <figcaption className="frustum-legend">
        {(['train', 'val', 'test'] as const).filter((s) => counts[s] > 0).map((s) => (
          <span key={s} className="frustum-key">
            <span className="frustum-swatch" style={{ background: hex(SPLIT_COLOURS[s]) }} aria-hidden="true" />
            {s} {counts[s]}
          </span>
        ))}
        {box && (
          <span className="frustum-key">
            <span className="frustum-swatch" style={{ background: hex(AABB_COLOUR) }} aria-hidden="true" />
            scene box
          </span>
        )}
        <span className="frustum-hint">Drag to orbit, scroll to zoom</span>
      </figcaption>
    </figure>
  );
}
