// The SIREN activation with its bias, as one differentiable op (Sitzmann et al. 2020, Eq. 1):
//
//   y = sin(w0 (z + b)),   z [N, C] (= h W, the layer's matMul), b [C]
//   dz = dy * w0 cos(w0 (z + b)),   db = sum over rows of dz          (nothing else is differentiated)
//
// Why a custom op: on tfjs-wasm, Sin and Cos cost ~46 ns per element (measured 6.0 ms for a
// [1024, 128] tensor, bench/ddrep-siren.ts --ops), more than the layer's [1024,128]x[128,128] matMul
// (2.9 ms), and autodiff evaluates Cos again in the backward pass. On host-memory backends (wasm, cpu)
// this op computes sin and cos together in one typed-array pass (range reduction by pi/2 and
// Taylor polynomials, |error| < 1e-7, i.e. float32 rounding; ~3 ms for both) and keeps w0 cos for the
// backward pass, which is then a multiply and a column sum. GPU backends use plain tf ops.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';

type Tensor = tfn.Tensor;
type Tensor2D = tfn.Tensor2D;

const INV_HALF_PI = 2 / Math.PI;
// pi/2 split in two parts (Cody-Waite) so r = x - q pi/2 stays accurate for |x| up to ~1e5.
const HALF_PI_HI = 1.5707963267341256;
const HALF_PI_LO = 6.077100506506192e-11;

/**
 * sin(x) and cos(x) of every element into `s` and `c` (float64 arithmetic, float32 storage). Reduces x to
 * r in [-pi/4, pi/4] with x = q pi/2 + r, evaluates the degree-9 sine and degree-10 cosine Taylor
 * polynomials of r (truncation error < 3e-9 there), then rotates by the quadrant q mod 4.
 */
export function sinCosInto(x: Float32Array, scale: number, s: Float32Array, c: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] * scale;
    const q = Math.round(v * INV_HALF_PI);
    const r = v - q * HALF_PI_HI - q * HALF_PI_LO;
    const r2 = r * r;
    const sr = r * (1 + r2 * (-1 / 6 + r2 * (1 / 120 + r2 * (-1 / 5040 + r2 * (1 / 362880)))));
    const cr = 1 + r2 * (-0.5 + r2 * (1 / 24 + r2 * (-1 / 720 + r2 * (1 / 40320 - r2 / 3628800))));
    const k = q & 3;
    s[i] = k === 0 ? sr : k === 1 ? cr : k === 2 ? -sr : -cr;
    c[i] = k === 0 ? cr : k === 1 ? -sr : k === 2 ? -cr : sr;
  }
}

function hostMemory(tf: Tf): boolean {
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu';
}

/** y = sin(w0 (z + b)) for z [N, C], b [C]; differentiable w.r.t. z and b. */
export function sineLayer(tf: Tf, z: Tensor2D, b: Tensor, w0: number): Tensor2D {
  const [n, ch] = z.shape;
  if (b.rank !== 1 || b.shape[0] !== ch) throw new Error(`ddrep/sine-activation.ts: bias must be [${ch}], got [${b.shape}]`);
  if (!hostMemory(tf)) return tf.sin(tf.mul(tf.add(z, b), w0)) as Tensor2D;
  const op = tf.customGrad(((zz: Tensor, bb: Tensor, save: (ts: Tensor[]) => void) => {
    const zv = zz.dataSync() as Float32Array;
    const bv = bb.dataSync() as Float32Array;
    const pre = new Float32Array(zv.length);
    for (let i = 0; i < n; i++) for (let j = 0; j < ch; j++) pre[i * ch + j] = zv[i * ch + j] + bv[j];
    const s = new Float32Array(pre.length);
    const c = new Float32Array(pre.length);
    sinCosInto(pre, w0, s, c);
    const dcos = tf.tensor2d(c, [n, ch]);
    save([dcos]);
    return {
      value: tf.tensor2d(s, [n, ch]),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const dz = tf.mul(tf.mul(dy, saved[0]), w0);
        const dzv = dz.dataSync() as Float32Array;
        const db = new Float32Array(ch);
        for (let i = 0; i < n; i++) for (let j = 0; j < ch; j++) db[j] += dzv[i * ch + j];
        return [dz, tf.tensor1d(db)];
      },
    };
  }) as unknown as Parameters<Tf['customGrad']>[0]);
  return op(z, b) as Tensor2D;
}
