// `parallax eval-prior`: flag errors (one UsageError naming the flag and value), and a tiny end-to-end run
// (8x8 prior fixture with random output weights, a tiny untrained KID feature network, --n 2, 2 DDIM steps,
// 3 SDS/SJC iterations, two sample workers) whose one stdout JSON object has every method's keys and types.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKidFeatureNet, disposeKidFeatureNet, encodeKidFeatureFile } from '../../engine/eval/kid';
import { createPriorModel, disposePriorModel, encodePriorModelFile } from '../../engine/prior';
import { TINY_PRIOR } from '../../engine/prior/test-fixtures';
import { useBackend } from '../../engine/testing/backends';
import { UsageError } from '../args';
import type { Log } from '../log';
import { main } from '../main';
import { evalRep } from '../../main/jobs/runners/eval-prior-samples';
import { evalPriorFromFlags } from './eval-prior-flags';

const dir = mkdtempSync(join(tmpdir(), 'px-eval-prior-'));
const model = join(dir, 'tiny-prior.plxm');
const features = join(dir, 'tiny-features.plxm');
/** A tiny feature network that also reads the camera azimuth (rep field's viewConsistency needs it). */
const cameraFeatures = join(dir, 'tiny-camera-features.plxm');
const prov = { dataset: 'none (random test weights)', seed: 7, steps: 0, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0' };

beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  const tf = s.tf;
  const m = createPriorModel(tf, TINY_PRIOR, 7);
  m.store.names().filter((n) => /(^unet\.out|\.film|attn\.out)\.w$/.test(n)).forEach((n, i) => {
    const w = m.store.v(n);
    tf.tidy(() => w.assign(tf.randomNormal(w.shape, 0, 0.2, 'float32', 11 + i)));
  });
  writeFileSync(model, encodePriorModelFile(m, prov));
  disposePriorModel(m);
  const net = createKidFeatureNet(tf, { imageSize: 8, channels: [4], convsPerStage: [1], featureDim: 8, targetNames: ['a'], targetMean: [0], targetStd: [1] }, 3);
  writeFileSync(features, encodeKidFeatureFile(net, prov));
  disposeKidFeatureNet(net);
  const camNet = createKidFeatureNet(tf, {
    imageSize: 8, channels: [4], convsPerStage: [1], featureDim: 8,
    targetNames: ['camera.sinAzimuth', 'camera.cosAzimuth'], targetMean: [0, 0], targetStd: [1, 1],
  }, 4);
  writeFileSync(cameraFeatures, encodeKidFeatureFile(camNet, prov));
  disposeKidFeatureNet(camNet);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const base = ['--rep', 'siren', '--model', model, '--features', features];
const fails = (argv: string[], message: RegExp) => {
  expect(() => evalPriorFromFlags(argv)).toThrow(UsageError);
  expect(() => evalPriorFromFlags(argv)).toThrow(message);
};

describe('parallax eval-prior flags', () => {
  it('turns good flags into runner params', () => {
    const f = evalPriorFromFlags([...base, '--n', '4', '--guidance', '1', '--seed', '3', '--json', '--workers', '1', '--methods', 'prior,ddrep']);
    expect(f).toMatchObject({ json: true, workers: 1, help: false });
    const field = evalPriorFromFlags(['--rep', 'field', '--model', model, '--features', features]).params;
    expect(field.samples).toBe(8);
    // Unset --methods: every method the rep has (the paired prior only for the siren).
    expect(field.methods).toEqual(['prior', 'ddrep', 'sds', 'sjc']);
    expect(evalPriorFromFlags(base).params.methods).toEqual(['prior', 'paired', 'ddrep', 'sds', 'sjc']);
    expect(f.params).toMatchObject({ rep: 'siren', samples: 4, seedsPerCondition: 2, priorSamples: 200, guidance: 1, seed: 3, methods: ['prior', 'ddrep'], references: 200, priorEta: null });
    expect(evalPriorFromFlags([...base, '--prior-eta', '0']).params.priorEta).toBe(0);
  });

  it('rejects bad flags naming the flag and the value', () => {
    fails(['--model', model, '--features', features], /--rep siren\|panorama\|field is required/);
    fails([...base.slice(2), '--rep', 'cube'], /--rep must be siren, panorama, field; got "cube"/);
    fails([...base, '--n', '1'], /--n: expected an integer >= 2 and <= 1000, got "1"/);
    fails([...base, '--n', '5'], /--n \(5\) must be a multiple of --seeds-per-condition \(2\)/);
    fails([...base, '--n', '8', '--prior-samples', '4'], /--prior-samples \(4\) must be >= --n \(8\)/);
    fails([...base, '--methods', 'ddrep,vsd'], /--methods: unknown method "vsd"/);
    fails(['--rep', 'panorama', '--model', model, '--features', features, '--methods', 'prior,paired'], /--methods paired needs --rep siren .*; got --rep panorama/);
    fails([...base, '--guidance=-1'], /--guidance: expected a number >= 0 and <= 1000, got "-1"/);
    fails([...base, '--prior-eta', '2'], /--prior-eta: expected a number >= 0 and <= 1, got "2"/);
    fails([...base, '--workers', '0'], /--workers: expected an integer >= 1/);
    fails([...base, 'extra'], /takes no positional arguments; got "extra"/);
    fails(['--rep', 'siren', '--model', join(dir, 'missing.plxm'), '--features', features], /--model: no such file ".*missing\.plxm"/);
    // The runner refuses it too, should a caller skip the flags.
    expect(() => evalRep('cube')).toThrow(/eval-prior: rep "cube" has no eval sampler \(.*handles siren, panorama, field; `parallax ddrep` has siren, panorama, field\)/);
  });
});

describe('parallax eval-prior, tiny end to end', () => {
  it('prints one JSON object with prior, ddrep, sds and sjc figures', async () => {
    const out: string[] = []; const err: string[] = [];
    const log: Log = { info: (l) => err.push(l), error: (l) => err.push(l), result: (l) => out.push(l) };
    const code = await main(['eval-prior', ...base, '--json', '--n', '2', '--steps', '2', '--distill-steps', '3', '--inner', '5',
      '--prior-samples', '4', '--references', '6', '--workers', '2', '--backend', 'wasm'], log);
    expect(code, err.join('\n')).toBe(0);
    expect(out).toHaveLength(1);
    const r = JSON.parse(out[0]) as Record<string, any>;
    for (const m of ['prior', 'paired', 'ddrep', 'sds', 'sjc']) {
      const e = r[m];
      expect(typeof e.kid.mean, m).toBe('number');
      expect(typeof e.kid.std, m).toBe('number');
      for (const k of ['diversity', 'diversityPixel', 'sharpness', 'secondsPerSample', 'denoiserCalls']) expect(Number.isFinite(e[k]), `${m}.${k}`).toBe(true);
      expect(e.samples).toBe(m === 'prior' ? 4 : 2);
    }
    expect(r.prior.matched.samples).toBe(2);
    // Guided steps are 2 calls: DDRep and the prior 2 steps, SDS/SJC 3 iterations (guidance 3 and 100).
    expect([r.prior.denoiserCalls, r.paired.denoiserCalls, r.ddrep.denoiserCalls, r.sds.denoiserCalls, r.sjc.denoiserCalls]).toEqual([4, 4, 4, 6, 6]);
    // The siren's default methods include the paired prior: DDRep's noise through the exact pixel-grid solve.
    expect(r.paired.settings.inner).toMatchObject({ solver: 'closed-form' });
    expect(Number.isFinite(r.paired.psnrToDdrep)).toBe(true);
    expect(err.join('\n')).toMatch(/prior \(paired\): .* median PSNR to its DDRep sample -?\d+\.\d dB/);
    expect(r.ddrep.innerIterationsPerSample).toBeGreaterThan(0);
    expect(r.ddrep.innerIterationsPerSample).toBeLessThanOrEqual(10);
    expect(r.reference.count).toBe(6);
    expect(r.targets.map((t: { name: string }) => t.name)).toHaveLength(5);
    expect(r.settings).toMatchObject({ workers: 2 });
    // viewConsistency is the field's; a siren report leaves it out.
    expect(r.ddrep.viewConsistency).toBeUndefined();
    expect(r.reference.viewConsistency).toBeUndefined();
    expect(err.join('\n')).toMatch(/KID ± std/);
    // Unless --prior-eta says otherwise, the prior's own samples use DDRep's sampler (DDIM eta 1).
    expect(r.prior.settings.sampler).toMatchObject({ steps: 2, eta: 1 });
    expect(r.ddrep.settings.sampler).toMatchObject({ steps: 2, eta: 1 });
    expect(err.join('\n')).toMatch(/prior's own samples: DDIM 2 steps, eta 1, guidance 3/);
  }, 300_000);

  it('panorama: scores one window per sample, DDRep with the closed form and one RePaint step per reverse step', async () => {
    const out: string[] = []; const err: string[] = [];
    const log: Log = { info: (l) => err.push(l), error: (l) => err.push(l), result: (l) => out.push(l) };
    const out_ = join(dir, 'pano-out');
    const code = await main(['eval-prior', '--rep', 'panorama', '--model', model, '--features', features, '--json', '--n', '2', '--steps', '3',
      '--distill-steps', '2', '--prior-samples', '2', '--references', '4', '--workers', '1', '--methods', 'prior,ddrep,sjc', '--backend', 'wasm', '--out', out_], log);
    expect(code, err.join('\n')).toBe(0);
    // --out keeps the report and a contact sheet: one 8x8 row per method (prior, ddrep, sjc), n = 2 columns.
    expect(JSON.parse(readFileSync(join(out_, 'report.json'), 'utf8')).rep).toBe('panorama');
    const sheet = await sharp(join(out_, 'samples.png')).metadata();
    expect([sheet.width, sheet.height]).toEqual([2 * 8, 3 * 8]);
    const r = JSON.parse(out[0]) as Record<string, any>;
    expect(Object.keys(r).filter((k) => ['prior', 'paired', 'ddrep', 'sds', 'sjc'].includes(k)).sort()).toEqual(['ddrep', 'prior', 'sjc']);
    // DDRep: 3 steps + 2 RePaint repeats, each a guided (2-call) batch of the 8 windows; SJC: 2 guided iterations.
    expect(r.ddrep.denoiserCalls).toBe(10);
    expect(r.sjc.denoiserCalls).toBe(4);
    expect(r.ddrep.innerIterationsPerSample).toBeUndefined();
    expect(r.ddrep.settings.viewsPerStep).toBe(8);
  }, 300_000);

  it('field: scores each field by its render at the held-out camera and reports viewConsistency', async () => {
    const out: string[] = []; const err: string[] = [];
    const log: Log = { info: (l) => err.push(l), error: (l) => err.push(l), result: (l) => out.push(l) };
    const code = await main(['eval-prior', '--rep', 'field', '--model', model, '--features', cameraFeatures, '--json', '--n', '2', '--steps', '2',
      '--inner', '2', '--distill-steps', '2', '--prior-samples', '2', '--references', '4', '--workers', '1', '--methods', 'prior,ddrep,sds', '--backend', 'wasm'], log);
    expect(code, err.join('\n')).toBe(0);
    const r = JSON.parse(out[0]) as Record<string, any>;
    for (const m of ['prior', 'ddrep', 'sds']) {
      expect(r[m].viewConsistency, m).toBeGreaterThanOrEqual(0);
      expect(r[m].viewConsistency, m).toBeLessThanOrEqual(180);
      expect(Number.isFinite(r[m].kid.mean), m).toBe(true);
    }
    expect(r.reference.viewConsistency).toBeGreaterThanOrEqual(0);
    // DDRep: 2 guided steps over the field's 8 views per step (one batch each), 2 inner iterations per step.
    expect(r.ddrep.denoiserCalls).toBe(4);
    expect(r.ddrep.innerIterationsPerSample).toBe(4);
    expect(r.ddrep.settings.inner.iterations).toBe(2);
    expect(err.join('\n')).toMatch(/view err/);
  }, 300_000);
});
