// The identity diffrep: theta is the image itself, f(theta)(pi) = theta, J = I (notes §1.8 "sanity
// check": with this rep DDRep must reproduce image-space DDIM exactly). One view; the noise canvas is
// the image's own shape.
import type { Tf, Tensor } from '../tf';
import type { DifferentiableRep, RepView } from './types';

export interface PixelGridConfig {
  kind: 'pixel-grid';
  height: number;
  width: number;
  /** View conditioning of the one view (null: unconditional prior). */
  cond: number[] | null;
  /** Adam lr for fits (pixels are O(1) numbers, so a large step is fine). */
  lr: number;
}

export const PIXEL_GRID_DEFAULTS: PixelGridConfig = { kind: 'pixel-grid', height: 32, width: 32, cond: null, lr: 0.05 };

export function checkSize(file: string, field: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${file}: ${field} must be a positive integer, got ${v}`);
}

/** `init`: optional starting image [H, W, 3] (copied); default zeros (x_hat_T = 0, notes §1.4). */
export function pixelGrid(tf: Tf, config: Partial<PixelGridConfig> = {}, init?: Tensor): DifferentiableRep {
  const c: PixelGridConfig = { ...PIXEL_GRID_DEFAULTS, ...config, kind: 'pixel-grid' };
  checkSize('ddrep/pixel-grid.ts', 'height', c.height);
  checkSize('ddrep/pixel-grid.ts', 'width', c.width);
  const shape = [c.height, c.width, 3];
  if (init && init.shape.join(',') !== shape.join(',')) {
    throw new Error(`ddrep/pixel-grid.ts: init shape [${init.shape}] differs from [${shape}]`);
  }
  const image = tf.tidy(() => tf.variable(init ? init.clone() : tf.zeros(shape), true, undefined, 'float32'));
  const view: RepView = { key: 'image', cond: c.cond };
  return {
    config: c,
    parameters: [image],
    viewSize: [c.height, c.width],
    noiseShape: shape,
    suggestedLr: c.lr,
    render: () => image.clone(),
    sampleViews: () => [view],
    viewNoise: (noise) => noise.clone(),
    solveLeastSquares(views, targets) {
      // Every view is the same image, so the least-squares optimum is the targets' mean.
      const mean = tf.tidy(() => tf.div(tf.addN([...targets]), targets.length));
      image.assign(mean);
      mean.dispose();
    },
    dispose: () => image.dispose(),
  };
}
