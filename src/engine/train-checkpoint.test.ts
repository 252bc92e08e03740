import { describe, expect, it } from 'vitest';
import { readTrainCheckpoint, restoreTrainCheckpoint, serializeTrainCheckpoint, type CheckpointableTrainer } from './train-checkpoint';

const A = { magic: 'PXTESTA1', file: 'a.ts', what: 'an A checkpoint' };
const B = { magic: 'PXTESTB1', file: 'b.ts', what: 'a B checkpoint' };

/** A trainer with plain maps for weights, EMA and Adam moments. */
function trainer(seed: number, config = { size: 3 }): CheckpointableTrainer<{ size: number }> & { sets: Map<string, Float32Array>[] } {
  const fill = (k: number) => Float32Array.from({ length: 5 }, (_, i) => seed * 10 + k + i / 8);
  const w = new Map([['conv', fill(1)]]), ema = new Map([['conv', fill(2)]]), mom = new Map([['m/conv', fill(3)], ['v/conv', fill(4)]]);
  const t = {
    sets: [w, ema, mom],
    model: { config, store: { snapshot: () => new Map(w), load: (v: ReadonlyMap<string, Float32Array>) => { for (const [n, d] of v) w.set(n, d.slice()); } } },
    ema: { snapshot: () => new Map(ema), load: (v: ReadonlyMap<string, Float32Array>) => { for (const [n, d] of v) ema.set(n, d.slice()); } },
    optimizer: {
      updates: seed, snapshot: () => new Map(mom),
      load(v: ReadonlyMap<string, Float32Array>, updates: number) { for (const [n, d] of v) mom.set(n, d.slice()); this.updates = updates; },
    },
    step: 100 + seed, rng: { state: 7 * seed },
  };
  return t;
}

describe('training checkpoints', () => {
  it('restore every tensor, the step, the Adam count and the RNG state exactly', () => {
    const src = trainer(1), dst = trainer(2);
    const bytes = serializeTrainCheckpoint(A, src, { wallSeconds: 12 });
    const header = restoreTrainCheckpoint(A, dst, bytes, 'x.ckpt');
    expect(header.meta).toEqual({ wallSeconds: 12 });
    expect(dst.step).toBe(101);
    expect(dst.rng.state).toBe(7);
    expect(dst.optimizer.updates).toBe(1);
    dst.sets.forEach((m, i) => { for (const [n, d] of m) expect(Array.from(d)).toEqual(Array.from(src.sets[i].get(n)!)); });
  });

  it("refuses another model's checkpoint, a corrupt or truncated file, and another config, naming the file and field", () => {
    const bytes = serializeTrainCheckpoint(A, trainer(1));
    expect(() => readTrainCheckpoint(B, bytes, 'x.ckpt')).toThrow('b.ts: x.ckpt: magic: not a B checkpoint');
    const flipped = bytes.slice(); flipped[flipped.length - 1] ^= 1;
    expect(() => readTrainCheckpoint(A, flipped, 'x.ckpt')).toThrow('a.ts: x.ckpt: checksum: mismatch');
    expect(() => readTrainCheckpoint(A, bytes.subarray(0, 20), 'x.ckpt')).toThrow(/x\.ckpt: (headerLength|checksum)/);
    expect(() => restoreTrainCheckpoint(A, trainer(2, { size: 4 }), bytes, 'x.ckpt', (c) => `size ${c.size}`))
      .toThrow('a.ts: x.ckpt: config: the checkpoint was made with a different model config (size 3)');
  });
});
