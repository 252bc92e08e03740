// parallax eval [--model M] [--baseline B] [--json] [--samples 4] [--steps 50] [--seed S]
//   [--path one-shot|autoregressive] [--context-views 2] [--pooling mean|occlusion-aware|view-colours] [--procedural N] [--backend B] <captures...>
// Evaluate DFM and the deterministic pixelNeRF baseline on held-out posed captures with
// ground-truth depth (e.g. from `parallax dataset`), or on N held-out procedural scenes generated
// in memory (--procedural N: the test split of the toy category, seed --seed). View 0 of each
// capture is the context photo. Prints a table, or with --json one object
// { dfm: EvalRecord, baseline: EvalRecord } (contextPsnr, contextSsim, novelPsnr, novelSsim,
// sharpnessUnseen, diversityUnseen, diversitySeen). --path picks how a DFM sample covers the other
// poses (src/engine/dfm/evaluate.ts EvalPath): one generated view (default) or all of them in turn;
// --novel picks the novel views the record scores (NovelViews): the sampled scene re-rendered at
// every other pose (default) or the generated views. The table shows both; JSON and the targets the first.
// --pooling picks how the sampled scene pools its views for those re-renders (ScenePooling).
// With two or more scenes each target also gets its scene-bootstrap interval (src/engine/eval/scene-bootstrap.ts).
// --ddrep adds DDRep (issue 17): the image prior completes a voxel field from the same photo, training-free
// (src/engine/ddrep/field-eval.ts), scored by the same metrics on the same poses; JSON then has a `ddrep` record.
//
// Flags the CLI entry should map to EvalArgs: positionals -> captures, --model, --baseline, --json,
// --samples, --steps, --seed, --procedural, --backend.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DDREP_DEFAULTS, evaluateDdrepFieldScene, FIELD_INNER_ITERATIONS } from '../../engine/ddrep';
import { disposePriorModel, imagePrior, loadPriorModelFile, type LoadedPriorModel } from '../../engine/prior';
import { defaultModelPath } from '../../main/generative';
import { NodeKernelPool, defaultThreads } from '../../main/engine-host/node-kernel-pool';
import type { CaptureView } from '../../engine/data';
import { generateDataset } from '../../engine/data';
import {
  atScoredPoses, disposeDfmModel, evalInputsFor, evaluateBaselineScene, evaluateDfmScene, EVAL_DEFAULTS, EVAL_PATHS, NOVEL_VIEWS, type EvalPath, type NovelViews,
} from '../../engine/dfm';
import { psnr, ssim } from '../../engine/metrics';
import {
  BOOTSTRAP_DEFAULTS, bootstrapAcceptance, EvalAccumulator, evalAcceptance, formatEvalTable, type CheckInterval, type EvalReport, type SceneAccumulators,
} from '../../engine/eval';
import { openCaptureFolder } from '../../main/capture-io';
import { selectBackend, type BackendChoice } from '../../main/engine-host/backend-select';
import { UsageError, poolingFlag } from '../args';
import type { Log } from '../log';
import { loadModel } from './train';

export interface EvalArgs {
  captures: string[];
  model?: string;
  baseline?: string;
  json?: boolean;
  samples?: number;
  steps?: number;
  /** Sampler overrides (default: the model's config): guidance weight, noise temperature, DDIM eta. */
  guidance?: number;
  temperature?: number;
  eta?: number;
  seed?: number;
  /** How each DFM sample covers the other poses: an EvalPath (default one-shot); checked here. */
  path?: string;
  /** Views per autoregressive step: the photo and the generated views nearest the target (default 2). */
  contextViews?: number;
  /** How each sampled scene pools its views for the re-renders: a ScenePooling (default: the product's); checked here. */
  pooling?: string;
  /** Which novel views the record (JSON, targets) scores: NovelViews (default rendered); checked here. */
  novel?: string;
  procedural?: number;
  backend?: BackendChoice;
  /** Also evaluate DDRep's training-free field completion with the image prior (`prior`, default the shipped one). */
  ddrep?: boolean;
  prior?: string;
  /** DDRep: DDIM steps (default 50), RePaint repeats per step (default 1), inner iterations (default 20). */
  ddrepSteps?: number;
  ddrepResample?: number;
  ddrepInner?: number;
}

/** DDRep's field-completion settings of an evaluation (recorded in the table's footer). */
function ddrepOf(args: EvalArgs) {
  return {
    sampler: { ...DDREP_DEFAULTS.sampler, steps: args.ddrepSteps ?? DDREP_DEFAULTS.sampler.steps },
    resample: args.ddrepResample ?? 1,
    inner: { ...DDREP_DEFAULTS.inner, iterations: args.ddrepInner ?? FIELD_INNER_ITERATIONS },
  };
}

const NOVEL_VIEW_NOTES: Record<NovelViews, string> = {
  generated: 'the views DFM generated (and the baseline at those poses)',
  rendered: 'the sampled scene re-rendered at every other pose',
};

async function* scenes(args: EvalArgs): AsyncGenerator<{ name: string; views: CaptureView[] }> {
  for (const d of args.captures) yield { name: d, views: (await openCaptureFolder(resolve(d))).views };
  if (args.procedural) {
    for (const s of generateDataset({ scenes: args.procedural, seed: args.seed ?? 0, split: 'test', resolution: 64, viewsPerScene: 8 })) {
      yield { name: `procedural scene ${s.sceneSeed}`, views: s.capture.views };
    }
  }
}

/** The DFM sampling options of an evaluation: the model's own except where a flag overrides. */
function samplingOf(args: EvalArgs) {
  const sampler: { steps: number; temperature?: number; eta?: number } = { steps: args.steps ?? 50 };
  if (args.temperature !== undefined) sampler.temperature = args.temperature;
  if (args.eta !== undefined) sampler.eta = args.eta;
  return { seed: args.seed ?? 0, sampler, guidance: args.guidance ?? null };
}

/** "  [low, high], passes in P% of resamples" for a check's scene-bootstrap interval. */
function spreadOf(interval: CheckInterval | undefined): string {
  if (!interval) return '';
  return `  [${interval.low.toFixed(4)}, ${interval.high.toFixed(4)}], passes in ${Math.round(100 * interval.passRate)}%`;
}

export async function evalCommand(args: EvalArgs, log: Log): Promise<number> {
  if (args.captures.length === 0 && !args.procedural) throw new Error('parallax eval: give capture folders or --procedural N');
  const samples = args.samples ?? 4;
  const path = (args.path ?? EVAL_DEFAULTS.path) as EvalPath;
  if (!EVAL_PATHS.includes(path)) throw new UsageError(`parallax eval: --path must be one of ${EVAL_PATHS.join(', ')}, got ${JSON.stringify(args.path)}`);
  const novel = (args.novel ?? 'rendered') as NovelViews;
  if (!NOVEL_VIEWS.includes(novel)) throw new UsageError(`parallax eval: --novel must be one of ${NOVEL_VIEWS.join(', ')}, got ${JSON.stringify(args.novel)}`);
  const other: NovelViews = novel === 'generated' ? 'rendered' : 'generated';
  const maxContextViews = args.contextViews ?? EVAL_DEFAULTS.maxContextViews;
  if (!Number.isInteger(maxContextViews) || maxContextViews < 1) throw new UsageError(`parallax eval: --context-views must be an integer >= 1, got ${maxContextViews}`);
  if (args.contextViews !== undefined && path !== 'autoregressive') throw new UsageError('parallax eval: --context-views applies to --path autoregressive only');
  const pooling = poolingFlag(args.pooling, 'eval') ?? EVAL_DEFAULTS.pooling;
  if (!Number.isInteger(samples) || samples < 2) throw new Error(`parallax eval: --samples must be an integer >= 2 (diversity needs several), got ${samples}`);
  const { tf, backend } = await selectBackend(args.backend ?? 'auto');
  const dfm = await loadModel(tf, args.model, 'dfm');
  const base = await loadModel(tf, args.baseline, 'pixelnerf');
  let prior: (LoadedPriorModel & { path: string }) | null = null;
  const pool = args.ddrep && defaultThreads() > 1 ? new NodeKernelPool(defaultThreads()) : undefined;
  try {
    if (args.ddrep) {
      const path = resolve(args.prior ?? defaultModelPath('prior'));
      const bytes = await readFile(path).catch((e: Error) => { throw new UsageError(`parallax eval: --prior: cannot read ${path}: ${e.message}`); });
      prior = { ...loadPriorModelFile(tf, new Uint8Array(bytes), path), path };
    }
    const ddrepScenes: Record<NovelViews, EvalAccumulator[]> = { rendered: [], generated: [] };
    const metrics = { psnr, ssim };
    // Per scene and per scored view set (the record's, then the other), so the targets can be
    // bootstrapped over scenes; a record is the combination of its scenes.
    const perScene: Record<NovelViews, SceneAccumulators[]> = { rendered: [], generated: [] };
    for await (const s of scenes(args)) {
      const t0 = Date.now();
      const d = await evaluateDfmScene(dfm.model, s.views, { samples, path, maxContextViews, pooling, sample: samplingOf(args) });
      const b = evaluateBaselineScene(base.model, s.views);
      const dd = prior ? await evaluateDdrepFieldScene(tf, imagePrior(prior.model), prior.model.config.unet.imageSize, s.views, {
        samples, contextIndex: 0, seed: args.seed ?? 0, ddrep: { ...ddrepOf(args), guidance: args.guidance ?? DDREP_DEFAULTS.guidance }, field: {}, pool,
        onSample: (k, st) => log.info(`  ddrep sample ${k + 1}/${samples}: ${st.seconds.toFixed(0)} s, ${st.denoiserCalls} denoiser calls`),
      }) : null;
      for (const which of [novel, other]) {
        const inputs = evalInputsFor(d, b, which);
        if (dd) {
          const acc = new EvalAccumulator(metrics);
          // Scored at the same poses as the baseline.
          acc.addScene(atScoredPoses(dd, d, which));
          ddrepScenes[which].push(acc);
        }
        const acc = { dfm: new EvalAccumulator(metrics), baseline: new EvalAccumulator(metrics) };
        acc.dfm.addScene(inputs.dfm);
        acc.baseline.addScene(inputs.baseline);
        perScene[which].push(acc);
      }
      log.info(`evaluated ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    const count = perScene[novel].length;
    if (count === 0) throw new Error('parallax eval: no scenes to evaluate');
    const [main, second] = [novel, other].map((which): EvalReport => ({
      dfm: EvalAccumulator.combine(perScene[which].map((a) => a.dfm)),
      baseline: EvalAccumulator.combine(perScene[which].map((a) => a.baseline)),
    }));
    const ddrepRecord = (which: NovelViews) => (prior ? { ddrep: EvalAccumulator.combine(ddrepScenes[which]) } : {});
    if (args.json) log.result(JSON.stringify({ ...main, ...ddrepRecord(novel) }));
    else {
      const s = samplingOf(args);
      const how = `${s.sampler.steps} DDIM steps, guidance ${s.guidance ?? dfm.model.config.guidance}, temperature ${s.sampler.temperature ?? dfm.model.config.sampler.temperature}, eta ${s.sampler.eta ?? (dfm.model.config.sampler.kind === 'ddim' ? dfm.model.config.sampler.eta : 1)}`;
      const intervals = count >= 2 ? bootstrapAcceptance(perScene[novel]) : null;
      const checks = evalAcceptance(main).checks.map((c, k) => `  ${c.pass ? 'pass' : 'FAIL'}  ${c.name.replace('threshold', String(c.threshold))}: ${c.value.toFixed(4)}${spreadOf(intervals?.[k])}`);
      const dd = ddrepRecord(novel).ddrep;
      const table = formatEvalTable({
        dfm: main.dfm, baseline: main.baseline, ...(dd ? { ddrep: dd } : {}), [`dfm (${other})`]: second.dfm, [`baseline (${other})`]: second.baseline,
      });
      const d = ddrepOf(args);
      const ddrepNote = prior
        ? `ddrep: training-free field completion with the image prior ${prior.path} (${prior.checksum}): ${d.sampler.steps} DDIM steps, eta ${d.sampler.eta}, RePaint ${d.resample}, `
          + `${d.inner.iterations} inner iterations, guidance ${args.guidance ?? DDREP_DEFAULTS.guidance}, seeds as dfm's; the issue 4 targets below are DFM's\n`
        : '';
      log.result(`${table}\n`
        + `novel views scored: ${NOVEL_VIEW_NOTES[novel]}; the last two columns score ${NOVEL_VIEW_NOTES[other]}\n`
        + ddrepNote
        + `issue 4 quality targets (first two columns):\n${checks.join('\n')}\n`
        + (intervals ? `  [low, high]: ${BOOTSTRAP_DEFAULTS.level * 100}% interval over ${BOOTSTRAP_DEFAULTS.resamples} resamples of the ${count} scenes, and the share of resamples that pass (scene bootstrap; model and seeds fixed)\n` : '')
        + `(${count} scene(s), ${samples} samples, ${path} path${path === 'autoregressive' ? ` with ${maxContextViews} context views a step` : ''}, ${pooling} pooling, ${how}, ${backend}; models ${dfm.checksum} / ${base.checksum})`);
    }
    return 0;
  } finally {
    disposeDfmModel(dfm.model);
    disposeDfmModel(base.model);
    if (prior) disposePriorModel(prior.model);
    await pool?.dispose();
  }
}
