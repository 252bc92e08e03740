// Seeded, serialisable PRNG (sfc32 seeded through splitmix32). Deterministic across JS
// engines: only 32-bit integer arithmetic. The whole state is four uint32 words, saved in
// checkpoints so a resumed fit draws exactly the same ray batches.

export class Prng {
  readonly state: Uint32Array;

  constructor(seed: number | Uint32Array) {
    this.state = new Uint32Array(4);
    if (typeof seed === 'number') {
      let s = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
      for (let i = 0; i < 4; i++) {
        s = (s + 0x9e3779b9) >>> 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        this.state[i] = (z ^ (z >>> 16)) >>> 0;
      }
      for (let i = 0; i < 12; i++) this.nextU32();
    } else {
      if (seed.length !== 4) throw new Error(`Prng: state must have 4 words, got ${seed.length}`);
      this.state.set(seed);
    }
  }

  nextU32(): number {
    const s = this.state;
    const a = s[0], b = s[1], c = s[2], d = s[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    s[3] = (d + 1) >>> 0;
    s[0] = (b ^ (b >>> 9)) >>> 0;
    s[1] = (c + (c << 3)) >>> 0;
    const cr = ((c << 21) | (c >>> 11)) >>> 0;
    s[2] = (cr + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
