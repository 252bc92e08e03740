// The pose pipeline's contract (src/main/jobs builds the studio job on exactly this shape).
export interface EstimatePosesOptions {
  /** A folder of photos, a .zip of photos, or a video file. */
  source: string;
  /** The capture folder to write (must not exist, or be empty). */
  outDir: string;
  matcher?: 'auto' | 'exhaustive' | 'sequential';
  /** Longest image side after downscaling (default 1600). */
  maxSize?: number;
  /** Video: how many frames to keep (default 64). */
  frames?: number;
  signal?: AbortSignal;
  onProgress?: (p: PosesProgress) => void;
  /** Scratch space: a fresh subfolder is made in it and removed at the end (default: a hidden sibling of outDir). */
  workDir?: string;
}

export interface PosesProgress {
  stage: 'frames' | 'images' | 'features' | 'matching' | 'mapping' | 'undistort' | 'writing';
  done: number;
  total: number;
  message: string;
  etaSeconds: number | null;
}

export interface PosesResult {
  outDir: string;
  registered: string[];
  unregistered: string[];
  skipped: { file: string; reason: string }[];
  meanReprojectionError: number;
  points: number;
  seconds: number;
  matcher: 'exhaustive' | 'sequential';
  warnings: string[];
}

export const ESTIMATE_POSES_DEFAULTS = {
  matcher: 'auto' as const,
  maxSize: 1600,
  frames: 64,
  /** Photo sets up to this size are matched exhaustively by 'auto'. */
  exhaustiveUpTo: 40,
  /** SIFT features per image: enough for textured scenes, cheap enough for 20 photos < 3 min on 2 cores. */
  maxFeatures: 4096,
  /** Threads for COLMAP (the machine has 2 cores; -1 would be "all"). */
  threads: 2,
  /** Sequential matcher: each frame is matched with this many following frames. */
  sequentialOverlap: 10,
};

/** A problem with the user's input (names the file or folder); the CLI prints its message alone. */
export class PosesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PosesError';
  }
}
