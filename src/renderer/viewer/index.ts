// The 3D viewer: the screen, and its pure helpers (render modes, volume shader set-up, matcap,
// frustum lines, dominant colours, camera fitting) for tests and other screens.
export { ViewerScreen } from './viewer-screen';
export { RENDER_MODES, defaultMode, isMeshMode, isModeAvailable, modeForKey, usableMode } from './render-modes';
export type { Availability, MeshMode, RenderMode, RenderModeInfo } from './render-modes';
export {
  VOLUME_DENSITY_CHOICES, VOLUME_FRAGMENT_SHADER, VOLUME_MAX_STEPS, VOLUME_RENDER_DEFAULTS, VOLUME_VERTEX_SHADER,
  VIEWER_DENSITY_DEFAULT, stepsForResolution, volumeUniformValues,
} from './volume-shader';
export type { VolumeRenderOptions, VolumeUniformValues } from './volume-shader';
export { createVolumeMaterial, createVolumeTexture, occupiedBounds, premultiplyVoxels } from './volume-texture';
export { MATCAP_DEFAULTS, createMatcapTexture, linearToSrgbByte, matcapPixels } from './matcap';
export type { MatcapOptions } from './matcap';
export { SEGMENTS_PER_CAMERA, cameraCentre, frustumBuffers, frustumDepth } from '../lib/frustum-geometry';
export { DOMINANT_COLOUR_DEFAULTS, dominantColours, foregroundPixels, nearestColourDistance } from './dominant-colours';
export type { ColourCluster, DominantColourOptions, PixelData, Rgb } from './dominant-colours';
export { CAMERA_FIT_DEFAULTS, fitCameraToBounds, isEmptyBounds, niceCeil, pointBounds, unionBounds } from './camera-fit';
export type { Bounds, CameraFit, CameraFitOptions, Vec3 } from './camera-fit';
export { backdropColour } from './backdrop';
export { RECORDER_MIME_TYPES, canRecord, pickRecorderMime, recordCanvas, recordingFileName } from './turntable-recorder';
export type { Recording } from './turntable-recorder';
export { loadVolume, useVolume } from './use-volume';
export type { VolumeLoad } from './use-volume';
export { sourceCaptureId, useCaptureCameras } from './use-capture-cameras';
