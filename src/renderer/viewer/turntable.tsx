// Turntable playback: while `playing`, the camera circles the orbit target about +Y, one turn
// per `secondsPerTurn` of wall-clock time. Follows r3f's guidance for the demand frame loop:
// the frame callback mutates the camera directly (no React state) and asks for the next frame
// with invalidate() only while playing, so a still viewer renders nothing.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { Vector3 } from 'three';

interface OrbitLike {
  target: Vector3;
  addEventListener(type: 'start' | 'end', listener: () => void): void;
  removeEventListener(type: 'start' | 'end', listener: () => void): void;
}

interface TurntableProps {
  playing: boolean;
  secondsPerTurn: number;
  /** A change restarts the turn from the current camera position (e.g. a recording starts). */
  runKey?: number;
}

/** Angle (radians) after `elapsed` seconds at one turn per `secondsPerTurn`. */
export function turntableAngle(elapsed: number, secondsPerTurn: number): number {
  return secondsPerTurn > 0 ? (2 * Math.PI * elapsed) / secondsPerTurn : 0;
}

export function Turntable({ playing, secondsPerTurn, runKey = 0 }: TurntableProps) {
  const controls = useThree((s) => s.controls) as unknown as OrbitLike | null;
  const invalidate = useThree((s) => s.invalidate);
  // Where the camera was (relative to the target) and when, at the start of this run.
  const run = useRef<{ start: number; x: number; z: number } | null>(null);
  // While the user drags, the turntable pauses; it continues from wherever they leave the camera.
  const dragging = useRef(false);

  useEffect(() => {
    if (!controls) return;
    const start = () => { dragging.current = true; };
    const end = () => { dragging.current = false; run.current = null; };
    controls.addEventListener('start', start);
    controls.addEventListener('end', end);
    return () => {
      controls.removeEventListener('start', start);
      controls.removeEventListener('end', end);
    };
  }, [controls]);

  useEffect(() => {
    run.current = null;
    if (playing) invalidate();
  }, [playing, secondsPerTurn, runKey, invalidate]);

  useFrame(({ camera }) => {
    if (!playing) return;
    if (dragging.current) {
      invalidate();
      return;
    }
    const target = controls?.target;
    const tx = target?.x ?? 0;
    const ty = target?.y ?? 0;
    const tz = target?.z ?? 0;
    const now = performance.now() / 1000;
    if (!run.current) run.current = { start: now, x: camera.position.x - tx, z: camera.position.z - tz };
    const a = turntableAngle(now - run.current.start, secondsPerTurn);
    const { x, z } = run.current;
    // Rotation about +Y (counter-clockwise seen from above).
    camera.position.x = tx + x * Math.cos(a) + z * Math.sin(a);
    camera.position.z = tz - x * Math.sin(a) + z * Math.cos(a);
    camera.lookAt(tx, ty, tz);
    invalidate();
  });
  return null;
}
