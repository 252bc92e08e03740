// Wrap-around pixel-canvas panorama (notes §1.10 "SIREN panorama" with a pixel canvas, §4.2 E2(b)):
// theta is a canvas [H, Wc, 3]; a view is a W-wide window starting at column `offset`, read with
// wrap-around (columns (offset + j) mod Wc). The managed noise lives on a canvas of the same shape and is
// cropped exactly like the signal, so overlapping views see the same noise (notes §1.4).
// f is linear (a crop), so the joint least squares has a closed form (notes §1.8): each canvas pixel
// becomes the mean of the targets of the windows covering it; pixels no window covers keep their value.
import type { Tf, Tensor } from '../tf';
import { gatherRows } from '../fields';
import { checkSize } from './pixel-grid';
import type { DifferentiableRep, RepView } from './types';

export interface CanvasPanoramaConfig {
  kind: 'canvas-panorama';
  height: number;
  /** Canvas width Wc (the full 360 degrees). */
  canvasWidth: number;
  /** Window (view) width W <= Wc. */
  viewWidth: number;
  /** Adam lr of the fits. */
  lr: number;
  /** Whether views carry a conditioning vector (sin, cos of the window centre's azimuth). */
  conditionOnAzimuth: boolean;
}

export const CANVAS_PANORAMA_DEFAULTS: CanvasPanoramaConfig = {
  kind: 'canvas-panorama', height: 32, canvasWidth: 256, viewWidth: 32, lr: 0.05, conditionOnAzimuth: false,
};

export interface CropView extends RepView {
  /** First column of the window on the canvas, in [0, Wc). */
  offset: number;
}

const FILE = 'ddrep/canvas-panorama.ts';

export interface CanvasPanorama extends DifferentiableRep<CropView> {
  /** The view starting at `offset` (any integer; wrapped). */
  viewAt(offset: number): CropView;
  /** Column indices [W] of a view on the canvas. */
  columns(view: CropView): number[];
}

export function canvasPanorama(tf: Tf, config: Partial<CanvasPanoramaConfig> = {}, init?: Tensor): CanvasPanorama {
  const c: CanvasPanoramaConfig = { ...CANVAS_PANORAMA_DEFAULTS, ...config, kind: 'canvas-panorama' };
  checkSize(FILE, 'height', c.height);
  checkSize(FILE, 'canvasWidth', c.canvasWidth);
  checkSize(FILE, 'viewWidth', c.viewWidth);
  if (c.viewWidth > c.canvasWidth) throw new Error(`${FILE}: viewWidth ${c.viewWidth} exceeds canvasWidth ${c.canvasWidth}`);
  const shape = [c.height, c.canvasWidth, 3];
  if (init && init.shape.join(',') !== shape.join(',')) throw new Error(`${FILE}: init shape [${init.shape}] differs from [${shape}]`);
  const canvas = tf.tidy(() => tf.variable(init ? init.clone() : tf.zeros(shape), true, undefined, 'float32'));
  const Wc = c.canvasWidth;
  const columns = (v: CropView) => Array.from({ length: c.viewWidth }, (_, j) => (v.offset + j) % Wc);
  const viewAt = (offset: number): CropView => {
    const o = ((Math.round(offset) % Wc) + Wc) % Wc;
    const azimuth = (2 * Math.PI * (o + c.viewWidth / 2)) / Wc;
    return { key: `crop@${o}`, offset: o, cond: c.conditionOnAzimuth ? [Math.sin(azimuth), Math.cos(azimuth)] : null };
  };
  // A crop as a row gather of the column-major canvas [Wc, H 3]: fields/ops.ts gatherRows has a gradient on
  // every backend (tf.gather's needs UnsortedSegmentSum, which tfjs-wasm lacks; SDS/SJC differentiate crops).
  const crop = (x: Tensor, v: CropView) => tf.tidy(() => {
    const rows = tf.reshape(tf.transpose(x, [1, 0, 2]), [Wc, c.height * 3]) as import('@tensorflow/tfjs').Tensor2D;
    const picked = gatherRows(tf, rows, tf.tensor1d(columns(v), 'int32'));
    return tf.transpose(tf.reshape(picked, [c.viewWidth, c.height, 3]), [1, 0, 2]);
  });
  return {
    config: c,
    parameters: [canvas],
    viewSize: [c.height, c.viewWidth],
    noiseShape: shape,
    suggestedLr: c.lr,
    viewAt,
    columns,
    render: (v) => crop(canvas, v),
    sampleViews: (rng, n) => Array.from({ length: n }, () => viewAt(Math.floor(rng() * Wc))),
    viewNoise: (noise, v) => crop(noise, v),
    solveLeastSquares(views, targets) {
      // [Wc, H, 3] sums by column as a one-hot matmul A [Wc, K W] x targets [K W, H 3] (unsortedSegmentSum
      // has no wasm kernel); [Wc] counts in plain JS.
      const cols = views.flatMap((v) => columns(v));
      const counts = new Float32Array(Wc);
      const onehot = new Float32Array(Wc * cols.length);
      cols.forEach((col, j) => { counts[col] += 1; onehot[col * cols.length + j] = 1; });
      const next = tf.tidy(() => {
        const stacked = tf.concat(targets.map((t) => tf.transpose(t, [1, 0, 2])), 0).reshape([cols.length, c.height * 3]); // [K W, H 3]
        const sums = tf.matMul(tf.tensor2d(onehot, [Wc, cols.length]), stacked).reshape([Wc, c.height, 3]);
        const cnt = tf.tensor1d(counts);
        const mean = tf.div(sums, tf.maximum(cnt, 1).reshape([Wc, 1, 1]));
        const seen = tf.greater(cnt, 0).reshape([Wc, 1, 1]);
        return tf.where(tf.broadcastTo(seen, [Wc, c.height, 3]), mean, tf.transpose(canvas, [1, 0, 2])).transpose([1, 0, 2]);
      });
      canvas.assign(next);
      next.dispose();
    },
    dispose: () => canvas.dispose(),
  };
}
