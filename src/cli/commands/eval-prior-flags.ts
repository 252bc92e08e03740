// `parallax eval-prior` flags -> the eval-prior runners' params (validated; every error names the flag and value).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import {
  PAIRED_REPS, PRIOR_EVAL_METHODS, PRIOR_EVAL_PLAN_DEFAULTS, PRIOR_EVAL_REPS, checkPlan, defaultPriorEvalMethods, type PriorEvalMethod,
} from '../../engine/eval/prior-eval';
import { defaultModelPath } from '../../main/generative';
import { defaultResourcesDir } from '../../main/studio/locate';
import { EVAL_DISTILL_ITERATIONS, EVAL_REFERENCES, EvalPriorMetricsSchema, type EvalPriorMetricsParams } from '../../main/jobs/runners/eval-prior-params';
import { UsageError, backendFlag, numberFlag, parse } from '../args';

/** Default samples per method for rep field: one field sample costs ~1.5 min of both cores (50 steps x 8 views). */
export const FIELD_EVAL_SAMPLES = 8;

export const EVAL_PRIOR_HELP = `parallax eval-prior --rep ${PRIOR_EVAL_REPS.join('|')} [options]

Compare the image prior's own DDIM samples with DDRep, SDS and SJC samples of a representation on held-out
view conditions (issue 17): KID against held-out dataset renders (mean ± std over random half-size subsets;
feature network resources/models/kid-features.plxm), diversity across seeds (mean pairwise distance of KID
features between samples of one condition), sharpness (high-frequency energy relative to the renders),
seconds per sample and denoiser calls. Samples run in --workers parallel workers.

  --rep <r>              ${PRIOR_EVAL_REPS.join(' | ')}; field: each sample is scored by its render at the held-out
                         camera (never used while sampling), and the report adds viewConsistency
  --json                 print one JSON object on stdout (the table goes to stderr)
  --n <N>                samples per method (default ${PRIOR_EVAL_PLAN_DEFAULTS.samples}: ${PRIOR_EVAL_PLAN_DEFAULTS.samples / PRIOR_EVAL_PLAN_DEFAULTS.seedsPerCondition} held-out conditions x ${PRIOR_EVAL_PLAN_DEFAULTS.seedsPerCondition} seeds;
                         field ${FIELD_EVAL_SAMPLES}, since a field sample takes minutes)
  --seeds-per-condition <k>  seeds per held-out condition (default ${PRIOR_EVAL_PLAN_DEFAULTS.seedsPerCondition}; N must be a multiple)
  --prior-samples <M>    the prior's own samples (default ${PRIOR_EVAL_PLAN_DEFAULTS.priorSamples}; the first N match the methods')
  --references <R>       held-out renders KID compares against (default ${EVAL_REFERENCES})
  --methods <list>       comma list of ${PRIOR_EVAL_METHODS.join(',')} (default all the rep has)
                         paired (siren only): the prior's own DDIM samples from exactly the noise each DDRep
                         sample starts from, so DDRep's KID compares without the spread of different noise;
                         the report adds their median PSNR to DDRep's samples
  --guidance <w>         CFG weight for every method (default: each method's own: prior/ddrep 3, sds/sjc 100)
  --steps <N>            DDIM steps of the prior's samples and of DDRep (default 50)
  --prior-eta <e>        DDIM eta of the prior's own samples, 0..1 (default: DDRep's, 1, so both use one sampler)
  --distill-steps <N>    SDS/SJC iterations (default ${EVAL_DISTILL_ITERATIONS}: about DDRep's time per sample)
  --inner <M>            DDRep inner Adam iterations cap (default: the engine's)
  --seed <s>             base seed (default 0)
  --workers <W>          parallel sample workers (default min(2, cores))
  --model <file>         prior model file (default resources/models/default-prior.plxm)
  --features <file>      KID feature network (default resources/models/kid-features.plxm)
  --out <dir>            also keep report.json, samples.png (a contact sheet: one row per method, its first N
                         samples) and the raw samples there
  --backend <B>          auto | tensorflow | webgpu | wasm | cpu (default auto)`;

export interface EvalPriorFlags {
  params: EvalPriorMetricsParams;
  workers: number;
  json: boolean;
  out: string | null;
  backend: ReturnType<typeof backendFlag>;
  help: boolean;
}

export function evalPriorFromFlags(argv: string[]): EvalPriorFlags {
  const { values, positionals } = parse(argv, {
    rep: { type: 'string' }, json: { type: 'boolean' }, n: { type: 'string' }, 'seeds-per-condition': { type: 'string' },
    'prior-samples': { type: 'string' }, references: { type: 'string' }, methods: { type: 'string' }, guidance: { type: 'string' },
    steps: { type: 'string' }, 'prior-eta': { type: 'string' }, 'distill-steps': { type: 'string' }, inner: { type: 'string' }, seed: { type: 'string' },
    workers: { type: 'string' }, model: { type: 'string' }, features: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' },
  }, 'eval-prior');
  if (values.help) return { params: { rep: 'siren', modelFile: '-', featuresFile: '-', sampleDirs: ['-'] }, workers: 1, json: false, out: null, backend: 'auto', help: true };
  if (positionals.length) throw new UsageError(`parallax eval-prior: takes no positional arguments; got ${positionals.map((p) => `"${p}"`).join(' ')}`);
  if (values.rep === undefined) throw new UsageError(`parallax eval-prior: --rep ${PRIOR_EVAL_REPS.join('|')} is required`);
  if (!(PRIOR_EVAL_REPS as readonly string[]).includes(values.rep)) {
    throw new UsageError(`parallax eval-prior: --rep must be ${PRIOR_EVAL_REPS.join(', ')}; got "${values.rep}"`);
  }
  const methods = values.methods === undefined ? defaultPriorEvalMethods(values.rep) : values.methods.split(',').map((m) => m.trim());
  for (const m of methods) {
    if (!(PRIOR_EVAL_METHODS as readonly string[]).includes(m)) throw new UsageError(`parallax eval-prior: --methods: unknown method "${m}" (known: ${PRIOR_EVAL_METHODS.join(', ')})`);
  }
  if (new Set(methods).size !== methods.length) throw new UsageError(`parallax eval-prior: --methods lists a method twice: "${values.methods}"`);
  if (methods.includes('paired') && !PAIRED_REPS.includes(values.rep)) {
    throw new UsageError(`parallax eval-prior: --methods paired needs --rep ${PAIRED_REPS.join(' or ')} (a pixel-grid twin of DDRep's sample); got --rep ${values.rep}`);
  }
  const file = (flag: 'model' | 'features', fallback: string) => {
    const f = resolve(values[flag] ?? fallback);
    if (!existsSync(f)) throw new UsageError(values[flag] ? `parallax eval-prior: --${flag}: no such file "${f}"` : `parallax eval-prior: the shipped ${flag === 'model' ? 'prior' : 'KID feature network'} ${f} is missing (pass --${flag} <file>)`);
    return f;
  };
  const int = (v: string | undefined, flag: string, min: number, max: number) => numberFlag(v, flag, { min, max, integer: true });
  const samples = int(values.n, 'n', 2, 1000) ?? (values.rep === 'field' ? FIELD_EVAL_SAMPLES : PRIOR_EVAL_PLAN_DEFAULTS.samples);
  const seedsPerCondition = int(values['seeds-per-condition'], 'seeds-per-condition', 1, 100) ?? PRIOR_EVAL_PLAN_DEFAULTS.seedsPerCondition;
  const priorSamples = int(values['prior-samples'], 'prior-samples', 2, 5000) ?? Math.max(PRIOR_EVAL_PLAN_DEFAULTS.priorSamples, samples);
  try {
    checkPlan({ ...PRIOR_EVAL_PLAN_DEFAULTS, samples, seedsPerCondition, priorSamples });
  } catch (e) {
    throw new UsageError(`parallax eval-prior: ${(e as Error).message.replace(/^.*plan\.ts: /, '').replace('samples (', '--n (').replace('seedsPerCondition (', '--seeds-per-condition (').replace('priorSamples (', '--prior-samples (')}`);
  }
  const params: EvalPriorMetricsParams = {
    rep: values.rep as EvalPriorMetricsParams['rep'],
    modelFile: file('model', defaultModelPath('prior')),
    featuresFile: file('features', join(defaultResourcesDir(), 'models', 'kid-features.plxm')),
    methods: methods as PriorEvalMethod[],
    samples, seedsPerCondition, priorSamples,
    seed: int(values.seed, 'seed', 0, 2 ** 31 - 1) ?? 0,
    guidance: numberFlag(values.guidance, 'guidance', { min: 0, max: 1000 }) ?? null,
    steps: int(values.steps, 'steps', 1, 1000) ?? null,
    priorEta: numberFlag(values['prior-eta'], 'prior-eta', { min: 0, max: 1 }) ?? null,
    distillSteps: int(values['distill-steps'], 'distill-steps', 1, 100000) ?? null,
    inner: int(values.inner, 'inner', 1, 10000) ?? null,
    references: int(values.references, 'references', 2, 5000) ?? EVAL_REFERENCES,
    sampleDirs: ['(set when the samples are drawn)'],
  };
  EvalPriorMetricsSchema.parse(params);
  const workers = int(values.workers, 'workers', 1, 64) ?? Math.max(1, Math.min(2, availableParallelism()));
  return { params, workers, json: values.json === true, out: values.out !== undefined ? resolve(values.out) : null, backend: backendFlag(values.backend), help: false };
}
