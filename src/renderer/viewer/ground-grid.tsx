// Ground grid under the scene and axes at the origin, sized to the scene bounds.
import { useMemo } from 'react';
import { fitCameraToBounds, type Bounds } from './camera-fit';

interface GroundGridProps {
  bounds: Bounds;
  showGrid: boolean;
  showAxes: boolean;
}

export function GroundGrid({ bounds, showGrid, showAxes }: GroundGridProps) {
  const fit = useMemo(() => fitCameraToBounds(bounds), [bounds]);
  return (
    <>
      {showGrid && (
        <gridHelper
          args={[fit.gridSize, 10, '#56607a', '#2c3240']}
          position={[fit.target[0], fit.groundY, fit.target[2]]}
        />
      )}
      {showAxes && <axesHelper args={[Math.max(fit.radius * 0.75, 1e-3)]} />}
    </>
  );
}
