// The trained image prior as DDRep's pluggable `Prior` (ddrep/types.ts): eps_hat(x_t, t, c) of a VP model.
// DDRep, SDS and SJC call `denoise` through ddrep/prior.ts guidedPrediction, which does classifier-free
// guidance (a conditional and a null-condition call) and the eps <-> x0 conversion.
//
// Conditions: a view's cond is [sin az, cos az, elevation rad] (prior/data.ts priorCondition). A 2-vector
// [sin az, cos az] (what canvas-panorama.ts emits with conditionOnAzimuth) is completed with
// `elevationForAzimuthOnly`; any other length is an error naming the row and its value.
import type * as tfn from '@tensorflow/tfjs';
import type { Prior, ViewCondBatch } from '../ddrep/types';
import type { Tensor } from '../tf';
import { priorEpsilon, type PriorModel } from './model';

export interface PriorAdapterOptions {
  /** Elevation (rad) used for 2-element [sin az, cos az] conditions: 17.5 deg, the middle of the training range. */
  elevationForAzimuthOnly: number;
}

export const PRIOR_ADAPTER_DEFAULTS: PriorAdapterOptions = { elevationForAzimuthOnly: (17.5 * Math.PI) / 180 };

const FILE = 'prior/adapter.ts';

export interface ImagePrior extends Prior {
  readonly model: PriorModel;
  /** Batched denoiser calls so far (one per `denoise`). */
  calls: number;
}

/** Wrap a model (load EMA weights into it first, e.g. from default-prior.plxm) as a DDRep prior. */
export function imagePrior(model: PriorModel, options: Partial<PriorAdapterOptions> = {}): ImagePrior {
  const o = { ...PRIOR_ADAPTER_DEFAULTS, ...options };
  const dim = model.config.unet.condDim;
  const rowsOf = (cond: ViewCondBatch, b: number): (number[] | null)[] | null => {
    if (cond === null) return null;
    if (cond.length !== b) throw new Error(`${FILE}: cond has ${cond.length} rows for a batch of ${b}`);
    return cond.map((r, i) => {
      if (r === null) return null;
      if (r.length === dim) return [...r];
      if (r.length === 2 && dim === 3) return [r[0], r[1], o.elevationForAzimuthOnly];
      throw new Error(`${FILE}: cond[${i}] must be [sin az, cos az, elevation] or [sin az, cos az], got [${r.join(', ')}]`);
    });
  };
  const prior: ImagePrior = {
    model, schedule: model.schedule, prediction: 'epsilon', calls: 0,
    denoise(xNoisy: Tensor, t: number, cond: ViewCondBatch): Tensor {
      if (xNoisy.rank !== 4 || xNoisy.shape[3] !== 3) throw new Error(`${FILE}: xNoisy must be [B, H, W, 3], got [${xNoisy.shape}]`);
      if (!Number.isInteger(t) || t < 0 || t >= model.schedule.trainSteps) {
        throw new Error(`${FILE}: t must be an integer in [0, ${model.schedule.trainSteps - 1}], got ${t}`);
      }
      const b = xNoisy.shape[0];
      const rows = rowsOf(cond, b);
      prior.calls++;
      return priorEpsilon(model, xNoisy as tfn.Tensor4D, Array.from({ length: b }, () => t), rows);
    },
  };
  return prior;
}
