// What a model was trained on, read from its model file's provenance and config (the header of
// every shipped file can be read as is), and example photos from that domain: front views of
// held-out procedural scenes (split 'test', never seen in training), rendered deterministically.
import { DATASET_DEFAULTS, hashSeed, renderCategoryCapture, sceneSplit } from '../data/procedural';
import type { Capture } from '../data/types';

export type DomainKind = 'procedural-toys' | 'other';

export interface TrainingDomain {
  kind: DomainKind;
  /** Plain words, e.g. "the procedural toy category: one figure on a plinth". */
  category: string;
  /** Square renders of this many pixels (the model's imageSize). */
  resolution: number;
  steps: number;
  /** The provenance's dataset text, as stored. */
  dataset: string;
  trainScenes: number | null;
  viewsPerScene: number | null;
  /** Seed of the dataset's scenes (examples are held-out scenes of the same seed). */
  datasetSeed: number | null;
  background: [number, number, number];
  /** Checksum of the model this one was fine-tuned from, if any. */
  baseModel: string | null;
}

/** Structured description train-default writes from now on (`provenance.domain`); older files have only the text. */
export interface ProvenanceDomain {
  category: 'procedural-toys';
  scenes: number;
  viewsPerScene: number;
  resolution: number;
  seed: number;
}

const TOY_CATEGORY = 'the procedural toy category: one figure on a plinth';

function num(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
}

function asProvenanceDomain(v: unknown): ProvenanceDomain | null {
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Record<string, unknown>;
  const ints = ['scenes', 'viewsPerScene', 'resolution', 'seed'].every((k) => Number.isInteger(d[k]));
  return d.category === 'procedural-toys' && ints ? (d as unknown as ProvenanceDomain) : null;
}

/**
 * The training domain of a model file. `provenance.domain` wins when present; otherwise the
 * dataset text train-default writes ("procedural toy category (...), 64 train scenes x 8 views,
 * 64x64, seed 0") is parsed; anything else is kind 'other' with the text shown as it is.
 */
export function describeTrainingDomain(
  provenance: { dataset: string; steps: number; baseModel?: string; [k: string]: unknown },
  config: Readonly<Record<string, unknown>>,
): TrainingDomain {
  const resolution = Number(config.imageSize);
  if (!Number.isInteger(resolution) || resolution <= 0) throw new Error(`describeTrainingDomain: config.imageSize: ${String(config.imageSize)} is not a positive integer`);
  const render = config.render;
  const bg = typeof render === 'object' && render !== null ? (render as Record<string, unknown>).background : undefined;
  const background: [number, number, number] = Array.isArray(bg) && bg.length === 3 && bg.every((c) => typeof c === 'number')
    ? [bg[0], bg[1], bg[2]] : [...DATASET_DEFAULTS.background];
  const structured = asProvenanceDomain(provenance.domain);
  const text = provenance.dataset;
  const procedural = structured !== null || /procedural toy category/i.test(text);
  return {
    kind: procedural ? 'procedural-toys' : 'other',
    category: procedural ? TOY_CATEGORY : text,
    resolution,
    steps: provenance.steps,
    dataset: text,
    trainScenes: structured?.scenes ?? num(text, /(\d+) train scenes/),
    viewsPerScene: structured?.viewsPerScene ?? num(text, /x (\d+) views/),
    datasetSeed: structured?.seed ?? num(text, /seed (\d+)/),
    background,
    baseModel: typeof provenance.baseModel === 'string' ? provenance.baseModel : null,
  };
}

/** Seeds of the first `count` held-out (split 'test') scenes of the domain's dataset seed. */
export function heldOutSceneSeeds(domain: Pick<TrainingDomain, 'kind' | 'datasetSeed'>, count: number): number[] {
  if (domain.kind !== 'procedural-toys') return [];
  const seed = domain.datasetSeed ?? DATASET_DEFAULTS.seed;
  const out: number[] = [];
  for (let i = 0; out.length < count && i < 100000; i++) {
    const s = hashSeed(seed, i);
    if (sceneSplit(s) === 'test') out.push(s);
  }
  return out;
}

/**
 * A one-view capture of held-out scene `sceneSeed`: its front view (view 0, exactly as the dataset
 * renders it) at the domain's resolution, with its camera. The example photo. Deterministic.
 */
export function renderDomainExample(domain: Pick<TrainingDomain, 'resolution' | 'background'>, sceneSeed: number): Capture {
  return renderCategoryCapture(sceneSeed, { resolution: domain.resolution, viewsPerScene: 1, background: domain.background }).capture;
}
