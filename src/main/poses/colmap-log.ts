// Counts from COLMAP 3.8's log lines, for progress. Each parser takes one line and returns
// {done, total} when the line carries a count, else null. Examples of the lines:
//   feature_extractor:   "Processed file [3/24]"
//   exhaustive_matcher:  "Matching block [1/2, 2/2] in 3.1s"
//   sequential_matcher:  "Matching image [5/24] in 0.48s"
//   mapper:              "Registering image #9 (3)"   (3 = images registered with this one)
//                        "Initializing with image pair #2 and #3"
//   image_undistorter:   "Undistorting image [4/24]"
//   model_analyzer:      "Mean reprojection error: 0.53px"
export interface Count { done: number; total: number }

const PROCESSED = /^Processed file \[(\d+)\/(\d+)\]/;
const BLOCK = /^Matching block \[(\d+)\/(\d+), (\d+)\/(\d+)\]/;
const IMAGE = /^Matching image \[(\d+)\/(\d+)\]/;
const REGISTER = /^Registering image #(\d+) \((\d+)\)/;
const INIT = /^Initializing with image pair #(\d+) and #(\d+)/;
const UNDISTORT = /^Undistorting image \[(\d+)\/(\d+)\]/;
const MEAN_ERROR = /Mean reprojection error\s*:\s*([0-9.eE+-]+)\s*px/;

export function featureCount(line: string): Count | null {
  const m = PROCESSED.exec(line.trim());
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
}

/** Matching progress in blocks (exhaustive) or images (sequential). */
export function matchCount(line: string): Count | null {
  const t = line.trim();
  const b = BLOCK.exec(t);
  if (b) {
    const [i, n, j, m] = [b[1], b[2], b[3], b[4]].map(Number);
    return { done: (i - 1) * m + j, total: n * m };
  }
  const s = IMAGE.exec(t);
  return s ? { done: Number(s[1]), total: Number(s[2]) } : null;
}

/** Images registered so far in the model being built (the mapper may restart a model). */
export function registeredCount(line: string): number | null {
  const t = line.trim();
  const r = REGISTER.exec(t);
  if (r) return Number(r[2]);
  return INIT.test(t) ? 2 : null;
}

export function undistortCount(line: string): Count | null {
  const m = UNDISTORT.exec(line.trim());
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
}

export function meanReprojectionError(line: string): number | null {
  const m = MEAN_ERROR.exec(line);
  return m ? Number(m[1]) : null;
}

/**
 * Remaining seconds from the rate so far: (total - done) * elapsed / done. Null until a
 * count has been seen (no rate yet).
 */
export function etaSeconds(done: number, total: number, elapsedSeconds: number): number | null {
  if (!(done > 0) || !(total >= done) || !(elapsedSeconds > 0)) return null;
  return Math.round(((total - done) * elapsedSeconds) / done);
}
