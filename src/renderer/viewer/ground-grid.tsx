// Ground grid under the scene and axes at the origin, sized to the scene bounds.
import { useMemo } from 'react';
import { fitCameraToBounds, type Bounds } from './camera-fit';

interface GroundGridProps {
  bounds: Bounds;
  showGrid: boolean;
  showAxes: boolean;
  /** Light lines for a light backdrop. */
  light?: boolean;
}

export function GroundGrid({ bounds, showGrid, showAxes, light = false }: GroundGridProps) {
  const fit = useMemo(() => fitCameraToBounds(bounds), [bounds]);
  return (
    <>
      {showGrid && (
        <gridHelper
          key={light ? 'light' : 'dark'}
          args={light ? [fit.gridSize, 10, '#a4abb9', '#d3d7df'] : [fit.gridSize, 10, '#56607a', '#2c3240']}
          position={[fit.target[0], fit.groundY, fit.target[2]]}
        />
      )}
      {showAxes && <axesHelper args={[Math.max(fit.radius * 0.75, 1e-3)]} />}
    </>
  );
}
