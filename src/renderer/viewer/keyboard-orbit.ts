// Keyboard camera moves for the viewer (arrow keys orbit, +/- zoom), as pure math on plain
// arrays so they can be tested: rotate the camera about the target on a sphere, keeping the
// polar angle away from the poles, or scale its distance.
import type { Vec3 } from './camera-fit';

export interface OrbitNudge {
  /** Azimuth change, radians (positive turns the camera to the right around +Y). */
  azimuth: number;
  /** Polar change, radians (positive moves the camera up). */
  polar: number;
  /** Distance factor (< 1 zooms in). */
  zoom: number;
}

const EPS = 0.05;

export function nudgeCamera(position: Vec3, target: Vec3, nudge: OrbitNudge): Vec3 {
  const off = [position[0] - target[0], position[1] - target[1], position[2] - target[2]];
  const r = Math.hypot(off[0], off[1], off[2]) || 1;
  // Spherical coordinates about +Y: theta = azimuth in the XZ plane, phi = angle from +Y.
  const theta = Math.atan2(off[0], off[2]) + nudge.azimuth;
  const phi = Math.min(Math.PI - EPS, Math.max(EPS, Math.acos(Math.max(-1, Math.min(1, off[1] / r))) - nudge.polar));
  const radius = r * nudge.zoom;
  return [
    target[0] + radius * Math.sin(phi) * Math.sin(theta),
    target[1] + radius * Math.cos(phi),
    target[2] + radius * Math.sin(phi) * Math.cos(theta),
  ];
}

const STEP = Math.PI / 18;

/** The nudge for a key, or null if the key does not move the camera. */
export function nudgeForKey(key: string): OrbitNudge | null {
  switch (key) {
    case 'ArrowLeft': return { azimuth: -STEP, polar: 0, zoom: 1 };
    case 'ArrowRight': return { azimuth: STEP, polar: 0, zoom: 1 };
    case 'ArrowUp': return { azimuth: 0, polar: STEP, zoom: 1 };
    case 'ArrowDown': return { azimuth: 0, polar: -STEP, zoom: 1 };
    case '+': case '=': return { azimuth: 0, polar: 0, zoom: 0.85 };
    case '-': case '_': return { azimuth: 0, polar: 0, zoom: 1 / 0.85 };
    default: return null;
  }
}
