// Small end-to-end checks of train / sample / eval with a tiny 16x16 model (seconds).
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCategoryCapture } from '../../engine/data';
import { createDfmModel, disposeDfmModel, encodeDfmModelFile } from '../../engine/dfm';
import { TINY_CONFIG } from '../../engine/dfm/dfm-fixtures';
import { createPriorModel, disposePriorModel, encodePriorModelFile } from '../../engine/prior';
import { TINY_PRIOR } from '../../engine/prior/test-fixtures';
import { useBackend } from '../../engine/testing/backends';
import { writeBlenderCapture, writePng } from '../../main/capture-io';
import type { Log } from '../log';
import { evalCommand } from './eval';
import { sampleCommand } from './sample';
import { trainCommand } from './train';

const dir = mkdtempSync(join(tmpdir(), 'dfm-cli-'));
const lines: string[] = [];
const log: Log = { info: (l) => lines.push(l), error: (l) => lines.push(`error: ${l}`), result: (l) => lines.push(`result: ${l}`) };
const CFG = { ...TINY_CONFIG, render: { ...TINY_CONFIG.render!, near: 1.2, far: 3.2 } };

beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  const model = createDfmModel(s.tf, CFG, 1);
  const prov = { dataset: 'test', seed: 1, steps: 0, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0' };
  writeFileSync(join(dir, 'dfm.plxm'), encodeDfmModelFile(model, 'dfm', prov));
  writeFileSync(join(dir, 'base.plxm'), encodeDfmModelFile(model, 'pixelnerf', prov));
  disposeDfmModel(model);
  const prior = createPriorModel(s.tf, TINY_PRIOR, 2);
  writeFileSync(join(dir, 'prior.plxm'), encodePriorModelFile(prior, prov));
  disposePriorModel(prior);
  for (const seed of [3, 4]) {
    const { capture } = renderCategoryCapture(seed, { resolution: 16, viewsPerScene: 4, supersample: 1 });
    await writeBlenderCapture(join(dir, `cap${seed}`), capture, { depth: true });
  }
});

describe('dfm CLI commands (tiny model)', () => {
  it('train: fine-tunes, stops with a checkpoint, resumes from it', async () => {
    const out = join(dir, 'ft.plxm');
    let n = 0;
    await trainCommand({ captures: [join(dir, 'cap3'), join(dir, 'cap4')], from: join(dir, 'dfm.plxm'), steps: 3, out, checkpointEvery: 1, backend: 'wasm', shouldStop: () => ++n > 2 }, log);
    expect(existsSync(`${out}.ckpt`)).toBe(true);
    lines.length = 0;
    expect(await trainCommand({ captures: [join(dir, 'cap3'), join(dir, 'cap4')], from: join(dir, 'dfm.plxm'), steps: 3, out, backend: 'wasm' }, log)).toBe(0);
    expect(lines.some((l) => /resuming from .* at step 2\/3/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/trained 3 steps/);
    expect(existsSync(`${out}.ckpt`)).toBe(false);
    await expect(trainCommand({ captures: [join(dir, 'cap3')], from: join(dir, 'nope.plxm'), backend: 'wasm' }, log)).rejects.toThrow(/not found/);
  });

  it('sample: writes the generated views and orbit renders for each sample', async () => {
    const photo = join(dir, 'photo.png');
    const { capture } = renderCategoryCapture(5, { resolution: 24, viewsPerScene: 1, supersample: 1 });
    await writePng(photo, capture.views[0].image);
    const out = join(dir, 'samples');
    await sampleCommand({ photo, out, model: join(dir, 'dfm.plxm'), n: 2, steps: 2, views: 3, grid: 8, path: 'autoregressive', backend: 'wasm' }, log);
    const files = readdirSync(out);
    for (const f of ['context.png', 'sample-0-view-0.png', 'sample-0-view-1.png', 'sample-1-orbit-02.png']) expect(files).toContain(f);
    lines.length = 0;
    const aware = join(dir, 'samples-aware');
    await sampleCommand({ photo, out: aware, model: join(dir, 'dfm.plxm'), n: 1, steps: 2, grid: 8, pooling: 'occlusion-aware', backend: 'wasm' }, log);
    expect(lines.at(-1)).toMatch(/1 sample\(s\) \(orbit, 2 DDIM steps, occlusion-aware pooling, /);
    expect(readdirSync(aware)).toContain('sample-0-orbit-00.png');
  });

  it('eval --json prints { dfm, baseline } with every metric', async () => {
    lines.length = 0;
    await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), json: true, samples: 2, steps: 2, backend: 'wasm' }, log);
    const rec = JSON.parse(lines.at(-1)!.replace(/^result: /, '')) as Record<string, Record<string, number>>;
    for (const m of ['dfm', 'baseline']) {
      expect(Object.keys(rec[m]).sort()).toEqual(['contextPsnr', 'contextSsim', 'diversitySeen', 'diversityUnseen', 'novelPsnr', 'novelSsim', 'sharpnessUnseen']);
      expect(Number.isFinite(rec[m].contextPsnr)).toBe(true);
    }
    expect(rec.baseline.diversityUnseen).toBe(0);
  });

  it('eval --ddrep adds DDRep\'s training-free field completion, scored at the same poses', async () => {
    lines.length = 0;
    const args = { captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm' as const };
    await evalCommand({ ...args, json: true, ddrep: true, prior: join(dir, 'prior.plxm'), ddrepSteps: 2, ddrepInner: 2, ddrepResample: 0 }, log);
    const rec = JSON.parse(lines.at(-1)!.replace(/^result: /, '')) as Record<string, Record<string, number>>;
    expect(Object.keys(rec).sort()).toEqual(['baseline', 'ddrep', 'dfm']);
    expect(Object.keys(rec.ddrep).sort()).toEqual(Object.keys(rec.dfm).sort());
    for (const k of ['contextPsnr', 'novelPsnr', 'diversityUnseen']) expect(Number.isFinite(rec.ddrep[k]), k).toBe(true);
    expect(lines.filter((l) => /ddrep sample \d\/2: /.test(l))).toHaveLength(2);
    lines.length = 0;
    await evalCommand({ ...args, ddrep: true, prior: join(dir, 'prior.plxm'), ddrepSteps: 2, ddrepInner: 2 }, log);
    expect(lines.at(-1)).toMatch(/ddrep: training-free field completion with the image prior .*prior\.plxm .*: 2 DDIM steps, eta 1, RePaint 1, 2 inner iterations, guidance 3/);
    await expect(evalCommand({ ...args, ddrep: true, prior: join(dir, 'missing.plxm') }, log)).rejects.toThrow(/--prior: cannot read .*missing\.plxm/);
  });

  it('eval passes --guidance, --temperature and --eta to the sampler', async () => {
    const run = async (extra: Record<string, number>) => {
      lines.length = 0;
      await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), json: true, samples: 2, steps: 2, backend: 'wasm', ...extra }, log);
      return JSON.parse(lines.at(-1)!.replace(/^result: /, '')) as Record<string, Record<string, number>>;
    };
    const deterministic = await run({ eta: 0 });
    const stochastic = await run({ eta: 1 });
    expect(stochastic.dfm.contextPsnr).not.toBe(deterministic.dfm.contextPsnr);
    expect(stochastic.baseline).toEqual(deterministic.baseline);
    lines.length = 0;
    await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm', guidance: 2, temperature: 0.5, eta: 1 }, log);
    expect(lines.at(-1)).toMatch(/2 DDIM steps, guidance 2, temperature 0\.5, eta 1/);
  });

  it('eval --path autoregressive generates every other pose in turn; an unknown path is refused', async () => {
    const run = async (path: string) => {
      lines.length = 0;
      await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm', path }, log);
      return lines.at(-1)!;
    };
    const oneShot = await run('one-shot');
    const autoregressive = await run('autoregressive');
    expect(oneShot).toMatch(/2 samples, one-shot path/);
    expect(oneShot).toMatch(/metric +dfm +baseline +dfm \(generated\) +baseline \(generated\)$/m);
    expect(oneShot).toMatch(/novel views scored: the sampled scene re-rendered at every other pose/);
    // The untrained tiny model cannot meet the targets: the check must say so.
    expect(oneShot).toMatch(/FAIL {2}dfm\.sharpnessUnseen >= 0\.7: /);
    expect(oneShot).toMatch(/(pass|FAIL) {2}dfm\.contextPsnr >= 24 \(dB\): \d/);
    expect(autoregressive).toMatch(/2 samples, autoregressive path/);
    const dfmColumn = (table: string) => table.split('\n').filter((l) => /^(context|novel)/.test(l)).map((l) => l.trim().split(/\s+/)[1]);
    // The two protocols condition the re-rendered scenes on different views, so the DFM figures differ.
    expect(dfmColumn(autoregressive)).not.toEqual(dfmColumn(oneShot));
    await expect(run('spiral')).rejects.toThrow(/--path must be one of one-shot, autoregressive, got "spiral"/);
  });

  it('eval --context-views sets the views of each autoregressive step; it is refused for one-shot', async () => {
    const run = async (extra: { path: string; contextViews?: number }) => {
      lines.length = 0;
      await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm', ...extra }, log);
      return lines.at(-1)!;
    };
    const two = await run({ path: 'autoregressive' });
    const three = await run({ path: 'autoregressive', contextViews: 3 });
    expect(two).toMatch(/autoregressive path with 2 context views a step/);
    expect(three).toMatch(/autoregressive path with 3 context views a step/);
    // 4 views: the third generated pose sees the photo and both earlier views only with 3 context views.
    const generatedColumn = (table: string) => table.split('\n').filter((l) => /^novel/.test(l)).map((l) => l.trim().split(/\s+/)[3]);
    expect(generatedColumn(three)).not.toEqual(generatedColumn(two));
    await expect(run({ path: 'one-shot', contextViews: 3 })).rejects.toThrow(/--context-views applies to --path autoregressive only/);
    await expect(run({ path: 'autoregressive', contextViews: 0 })).rejects.toThrow(/--context-views must be an integer >= 1, got 0/);
  });

  it('eval --pooling changes how the sampled scenes are re-rendered, not the generated views', async () => {
    const run = async (pooling?: string) => {
      lines.length = 0;
      await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm', pooling }, log);
      return lines.at(-1)!;
    };
    const column = (table: string, k: number) => table.split('\n').filter((l) => /^novel/.test(l)).map((l) => l.trim().split(/\s+/)[k]);
    const mean = await run('mean');
    const aware = await run('occlusion-aware');
    expect(mean).toMatch(/, mean pooling,/);
    expect(aware).toMatch(/, occlusion-aware pooling,/);
    expect(column(aware, 3)).toEqual(column(mean, 3)); // generated views: same samples
    expect(column(aware, 1)).not.toEqual(column(mean, 1)); // re-rendered scenes: pooled differently
    const colours = await run('view-colours');
    expect(colours).toMatch(/, view-colours pooling,/);
    expect(column(colours, 3)).toEqual(column(mean, 3));
    expect(column(colours, 1)).not.toEqual(column(aware, 1)); // colours from the views, not the field
    await expect(run('max')).rejects.toThrow(/--pooling must be one of mean, occlusion-aware, view-colours, got "max"/);
  });

  it('eval on several scenes prints each target with its scene-bootstrap interval', async () => {
    lines.length = 0;
    await evalCommand({ captures: [join(dir, 'cap3'), join(dir, 'cap4')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm' }, log);
    const out = lines.at(-1)!;
    const sharp = /dfm\.sharpnessUnseen >= 0\.7: (\S+) {2}\[(\S+), (\S+)\], passes in (\d+)%/.exec(out);
    expect(sharp).not.toBeNull();
    const [value, low, high] = sharp!.slice(1, 4).map(Number);
    expect(low).toBeLessThanOrEqual(value + 1e-4);
    expect(high).toBeGreaterThanOrEqual(value - 1e-4);
    expect(out).toMatch(/\[low, high\]: 95% interval over 1000 resamples of the 2 scenes/);
    lines.length = 0;
    await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), samples: 2, steps: 2, backend: 'wasm' }, log);
    expect(lines.at(-1)).not.toMatch(/resamples/); // one scene: nothing to resample
  });

  it('eval --novel picks the scored views: the scene re-rendered everywhere (default) or the generated ones', async () => {
    const run = async (novel?: string) => {
      lines.length = 0;
      await evalCommand({ captures: [join(dir, 'cap3')], model: join(dir, 'dfm.plxm'), baseline: join(dir, 'base.plxm'), json: true, samples: 2, steps: 2, backend: 'wasm', novel }, log);
      return JSON.parse(lines.at(-1)!.replace(/^result: /, '')) as Record<string, Record<string, number>>;
    };
    const rendered = await run();
    const again = await run();
    const generated = await run('generated');
    expect(again).toEqual(rendered);
    // cap3 has 4 views: one-shot generates 1 of the 3 novel poses; `rendered` scores all 3.
    expect(generated.dfm.contextPsnr).toBe(rendered.dfm.contextPsnr);
    expect(generated.dfm.novelPsnr).not.toBe(rendered.dfm.novelPsnr);
    expect(generated.baseline.novelPsnr).not.toBe(rendered.baseline.novelPsnr);
    await expect(run('both')).rejects.toThrow(/--novel must be one of rendered, generated, got "both"/);
  });
});
