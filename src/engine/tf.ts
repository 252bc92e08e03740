// The engine never chooses or loads a TensorFlow.js backend: hosts do (src/main/engine-host),
// and hand the engine a ready `tf` namespace. Engine code imports only this type.
import type * as tfNamespace from '@tensorflow/tfjs';

export type Tf = typeof tfNamespace;
export type Tensor = tfNamespace.Tensor;

/**
 * The seed to hand tf.randomNormal for an integer seed: tfjs treats a seed of 0 as "no seed" and
 * draws from Math.random, so seed 0 (our default) would not reproduce. 0 maps to 0.5, which no
 * integer seed uses; every other seed is passed through unchanged.
 */
export function tfSeed(seed: number): number {
  return seed === 0 ? 0.5 : seed;
}
