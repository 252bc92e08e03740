// The engine never chooses or loads a TensorFlow.js backend: hosts do (src/main/engine-host),
// and hand the engine a ready `tf` namespace. Engine code imports only this type.
import type * as tfNamespace from '@tensorflow/tfjs';

export type Tf = typeof tfNamespace;
export type Tensor = tfNamespace.Tensor;
