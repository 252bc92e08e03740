// The react-three-fiber canvas of the viewer: the ray-marched volume and/or the mesh, the
// source capture's cameras, ground grid and axes, orbit controls and the turntable. Renders on
// demand (frameloop "demand": a frame only when the camera moves or something changes) and
// keeps the drawing buffer so the screenshot button, the recorder and tests can read pixels.
import { OrbitControls } from '@react-three/drei';
import { Canvas } from '@react-three/fiber';
import { Suspense } from 'react';
import type { WebGLRenderer } from 'three';
import type { CaptureCameras } from '../../shared';
import type { DecodedVolume } from '../../shared/volume-file';
import type { Bounds } from './camera-fit';
import { CameraFrustums } from './camera-frustums';
import { CameraRig, type NudgeRequest } from './camera-rig';
import { CanvasErrorBoundary } from './canvas-error-boundary';
import { CropBox } from './crop-box';
import { GroundGrid } from './ground-grid';
import { isMeshMode, type MeshMode, type RenderMode } from './render-modes';
import { SceneModel, type MeshStats } from './scene-model';
import { SplatView } from './splat-view';
import { Turntable } from './turntable';
import type { SplatSceneLoad } from './use-splat-scene';
import { VolumeView } from './volume-view';

/** The viewer's background (also the page colour behind the canvas). */
export const VIEWER_BACKGROUND = '#101318';

/** True for a light `#rrggbb` colour (relative luminance above one half). */
function isLight(colour: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5;
}

interface SceneCanvasProps {
  /** Clear colour (CSS); VIEWER_BACKGROUND unless the capture's own backdrop is chosen. */
  background: string;
  meshUrl: string | null;
  volume: DecodedVolume | null;
  /** A splat scene's splats.ply (drawn by Spark) and crop box; url null for other scenes. */
  splats?: Pick<SplatSceneLoad, 'url' | 'cropBox' | 'onLoaded' | 'onError'>;
  mode: RenderMode;
  /** Volume density multiplier (1 = as baked). */
  densityScale: number;
  /** The mesh look to use (kept while the volume is shown, so switching back is instant). */
  meshMode: MeshMode;
  /** Scene bounds (grid, frustum size); null until known. */
  bounds: Bounds | null;
  /** Bounds the camera fits to (the scene, plus the cameras when shown); null waits rather than jumping. */
  fitBounds: Bounds | null;
  cameras: CaptureCameras | null;
  showGrid: boolean;
  showAxes: boolean;
  turntable: { playing: boolean; secondsPerTurn: number; runKey: number };
  fitKey: number;
  nudge: NudgeRequest | null;
  onMeshLoaded(stats: MeshStats): void;
  onMeshError(error: unknown): void;
  onRenderer(gl: WebGLRenderer | null): void;
}

export function SceneCanvas(props: SceneCanvasProps) {
  const { meshUrl, volume, mode, bounds } = props;
  return (
    <Canvas
      frameloop="demand"
      flat
      dpr={[1, 2]}
      gl={{ preserveDrawingBuffer: true, antialias: true }}
      camera={{ fov: 45, near: 0.01, far: 100, position: [2, 1.5, 2.5] }}
      onCreated={({ gl }) => props.onRenderer(gl)}
      data-testid="scene-canvas"
    >
      <color attach="background" args={[props.background]} />
      <ambientLight intensity={0.55} />
      <directionalLight position={[3, 5, 2]} intensity={1.6} />
      <directionalLight position={[-4, 2, -3]} intensity={0.5} />
      {meshUrl && (
        <CanvasErrorBoundary key={meshUrl} onError={props.onMeshError}>
          <Suspense fallback={null}>
            <SceneModel url={meshUrl} mode={props.meshMode} visible={isMeshMode(mode)} onLoaded={props.onMeshLoaded} />
          </Suspense>
        </CanvasErrorBoundary>
      )}
      {props.splats?.url && (
        <CanvasErrorBoundary key={props.splats.url} onError={props.splats.onError}>
          <SplatView url={props.splats.url} visible onLoaded={props.splats.onLoaded} onError={props.splats.onError} />
        </CanvasErrorBoundary>
      )}
      {props.splats?.cropBox && <CropBox box={props.splats.cropBox} />}
      {volume && <VolumeView volume={volume} visible={mode === 'volume'} densityScale={props.densityScale} />}
      {props.cameras && <CameraFrustums cameras={props.cameras} bounds={bounds} />}
      {bounds && <GroundGrid bounds={bounds} showGrid={props.showGrid} showAxes={props.showAxes} light={isLight(props.background)} />}
      <CameraRig bounds={props.fitBounds} fitKey={props.fitKey} nudge={props.nudge} />
      <Turntable {...props.turntable} />
      <OrbitControls makeDefault enableDamping={false} />
    </Canvas>
  );
}
