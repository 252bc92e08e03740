// The react-three-fiber canvas of the viewer. Renders on demand (frameloop "demand": a frame
// only when the camera moves or something changes) and keeps the drawing buffer so the
// screenshot button and tests can read pixels.
import { OrbitControls } from '@react-three/drei';
import { Canvas } from '@react-three/fiber';
import { Suspense, useCallback, useState } from 'react';
import type { WebGLRenderer } from 'three';
import type { Bounds } from './camera-fit';
import { CameraRig, type NudgeRequest } from './camera-rig';
import { GroundGrid } from './ground-grid';
import { SceneModel, type MeshStats, type ShadingMode } from './scene-model';

interface SceneCanvasProps {
  url: string;
  mode: ShadingMode;
  showGrid: boolean;
  showAxes: boolean;
  fitKey: number;
  nudge: NudgeRequest | null;
  onLoaded(stats: MeshStats): void;
  onRenderer(gl: WebGLRenderer | null): void;
}

export function SceneCanvas({ url, mode, showGrid, showAxes, fitKey, nudge, onLoaded, onRenderer }: SceneCanvasProps) {
  const [bounds, setBounds] = useState<Bounds | null>(null);
  const handleLoaded = useCallback((stats: MeshStats) => {
    setBounds(stats.bounds);
    onLoaded(stats);
  }, [onLoaded]);

  return (
    <Canvas
      frameloop="demand"
      flat
      dpr={[1, 2]}
      gl={{ preserveDrawingBuffer: true, antialias: true }}
      camera={{ fov: 45, near: 0.01, far: 100, position: [2, 1.5, 2.5] }}
      onCreated={({ gl }) => onRenderer(gl)}
      data-testid="scene-canvas"
    >
      <color attach="background" args={['#101318']} />
      <ambientLight intensity={0.55} />
      <directionalLight position={[3, 5, 2]} intensity={1.6} />
      <directionalLight position={[-4, 2, -3]} intensity={0.5} />
      <Suspense fallback={null}>
        <SceneModel url={url} mode={mode} onLoaded={handleLoaded} />
      </Suspense>
      {bounds && <GroundGrid bounds={bounds} showGrid={showGrid} showAxes={showAxes} />}
      <CameraRig bounds={bounds} fitKey={fitKey} nudge={nudge} />
      <OrbitControls makeDefault enableDamping={false} />
    </Canvas>
  );
}
