// What the viewer draws over a reconstruction of a real capture: the capture's sparse points and
// the crop box (each with a toggle), and the crop box's edit mode.
import { useState } from 'react';
import type { SceneManifest } from '../../shared';
import { fileUrl } from '../api';
import { cacheBust, itemFilePath } from '../lib';
import type { CropEditMode } from './crop-box-gizmo';
import { useCropBox, type CropBoxState } from './use-crop-box';
import { useSparsePoints } from './use-sparse-points';
import type { BufferGeometry } from 'three';

export interface SceneOverlays {
  points: BufferGeometry | null;
  showPoints: boolean;
  setShowPoints(v: boolean): void;
  crop: CropBoxState;
  showCrop: boolean;
  setShowCrop(v: boolean): void;
  cropMode: CropEditMode;
  setCropMode(m: CropEditMode): void;
}

export function useSceneOverlays(sceneId: string, manifest: SceneManifest | null): SceneOverlays {
  const rel = manifest?.files.sparsePoints ? itemFilePath('scene', sceneId, manifest.files.sparsePoints) : null;
  const points = useSparsePoints(rel ? cacheBust(fileUrl(rel), manifest?.createdAt ?? '') : null);
  const crop = useCropBox(sceneId, manifest);
  const [showPoints, setShowPoints] = useState(false);
  const [showCrop, setShowCrop] = useState(false);
  const [cropMode, setCropMode] = useState<CropEditMode>(null);
  return {
    points, showPoints, setShowPoints, crop, showCrop,
    setShowCrop: (v) => { setShowCrop(v); if (!v) setCropMode(null); },
    cropMode, setCropMode,
  };
}
