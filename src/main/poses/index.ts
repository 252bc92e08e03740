// Camera poses from unposed photos, a zip of photos, or a video (COLMAP + ffmpeg), written as a
// capture folder (transforms.json, undistorted images/, sparse_points.ply).
export { estimatePoses } from './estimate-poses';
export { ESTIMATE_POSES_DEFAULTS, PosesError } from './types';
export type { EstimatePosesOptions, PosesProgress, PosesResult } from './types';
export { laplacianVariance, pickSharpest } from './video-frames';
