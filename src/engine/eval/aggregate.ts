// The evaluation record `parallax eval` prints (issue 4 item 11), built from rendered images:
//   contextPsnr / contextSsim  the context photo vs. the context view re-rendered from each sampled
//                              scene (faithfulness to the observation), mean over (scene, sample)
//   novelPsnr / novelSsim      novel views vs. ground truth, mean over (scene, view, sample)
//   sharpnessUnseen            pooled HF-energy ratio generated / ground truth in unseen regions
//   diversityUnseen / -Seen    mean per-pixel std over the samples (4 in the issue), pooled over
//                              all unseen / seen pixels of all novel views
// `parallax eval --json` prints `{ dfm: EvalRecord, baseline: EvalRecord }` (EvalReport).
// PSNR/SSIM are injected (ImageMetrics) so the same code evaluates with src/engine/metrics.
import type { RgbImage } from '../data/types';
import { checkImage, checkMask, checkSameSize } from './checks';
import { diversitySum } from './diversity';
import { energySum } from './high-frequency';

const FILE = 'src/engine/eval/aggregate.ts';

export interface EvalRecord {
  contextPsnr: number;
  contextSsim: number;
  novelPsnr: number;
  novelSsim: number;
  sharpnessUnseen: number;
  diversityUnseen: number;
  diversitySeen: number;
}

export const EVAL_RECORD_KEYS: readonly (keyof EvalRecord)[] = [
  'contextPsnr', 'contextSsim', 'novelPsnr', 'novelSsim', 'sharpnessUnseen', 'diversityUnseen', 'diversitySeen',
];

export interface EvalReport {
  dfm: EvalRecord;
  baseline: EvalRecord;
}

export interface ImageMetrics {
  psnr(a: RgbImage, b: RgbImage): number;
  ssim(a: RgbImage, b: RgbImage): number;
}

export interface ContextViewEval {
  /** The context photo. */
  groundTruth: RgbImage;
  /** The context pose rendered from each sampled scene (one for a deterministic model). */
  renders: readonly RgbImage[];
}

export interface NovelViewEval {
  /** Index of the pose in its capture (to compare methods at the same poses). */
  pose?: number;
  groundTruth: RgbImage;
  /** The novel pose rendered from each sampled scene (one for a deterministic model). */
  samples: readonly RgbImage[];
  /** From visibilityRegions(contexts, target): seen / unseen surface pixels. */
  seen: Uint8Array;
  unseen: Uint8Array;
}

export interface SceneEvalInput {
  contexts: readonly ContextViewEval[];
  novel: readonly NovelViewEval[];
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Streams scenes in (images can be dropped after each call) and produces one EvalRecord. */
export class EvalAccumulator {
  private readonly contextPsnr: number[] = [];
  private readonly contextSsim: number[] = [];
  private readonly novelPsnr: number[] = [];
  private readonly novelSsim: number[] = [];
  private hfGenerated = 0;
  private hfTruth = 0;
  private readonly unseen = { sum: 0, count: 0 };
  private readonly seen = { sum: 0, count: 0 };

  constructor(private readonly metrics: ImageMetrics) {}

  addContext(view: ContextViewEval): void {
    checkImage(view.groundTruth, FILE, 'context.groundTruth');
    if (view.renders.length === 0) throw new Error(`${FILE}: context.renders is empty (need one render per sample)`);
    view.renders.forEach((r, k) => {
      checkImage(r, FILE, `context.renders[${k}]`);
      checkSameSize(r, view.groundTruth, FILE, `context.renders[${k}]`, 'context.groundTruth');
      this.contextPsnr.push(this.metrics.psnr(r, view.groundTruth));
      this.contextSsim.push(this.metrics.ssim(r, view.groundTruth));
    });
  }

  addNovelView(view: NovelViewEval): void {
    const gt = view.groundTruth;
    checkImage(gt, FILE, 'novel.groundTruth');
    checkMask(view.seen, gt.width, gt.height, FILE, 'novel.seen');
    checkMask(view.unseen, gt.width, gt.height, FILE, 'novel.unseen');
    if (view.samples.length === 0) throw new Error(`${FILE}: novel.samples is empty (need one render per sample)`);
    const truthEnergy = energySum(gt, view.unseen).sum;
    view.samples.forEach((s, k) => {
      checkImage(s, FILE, `novel.samples[${k}]`);
      checkSameSize(s, gt, FILE, `novel.samples[${k}]`, 'novel.groundTruth');
      this.novelPsnr.push(this.metrics.psnr(s, gt));
      this.novelSsim.push(this.metrics.ssim(s, gt));
      this.hfGenerated += energySum(s, view.unseen).sum;
      this.hfTruth += truthEnergy;
    });
    for (const [mask, acc] of [[view.unseen, this.unseen], [view.seen, this.seen]] as const) {
      const d = diversitySum(view.samples, mask);
      acc.sum += d.sum;
      acc.count += d.count;
    }
  }

  addScene(scene: SceneEvalInput): void {
    scene.contexts.forEach((c) => this.addContext(c));
    scene.novel.forEach((v) => this.addNovelView(v));
  }

  /**
   * The record of several accumulators together, as if one accumulator had seen all their inputs;
   * a part may appear more than once (scene resampling, see scene-bootstrap.ts).
   */
  static combine(parts: readonly EvalAccumulator[]): EvalRecord {
    if (parts.length === 0) throw new Error(`${FILE}: combine needs at least one accumulator`);
    const all = new EvalAccumulator(parts[0].metrics);
    for (const p of parts) all.absorb(p);
    return all.result();
  }

  private absorb(p: EvalAccumulator): void {
    this.contextPsnr.push(...p.contextPsnr);
    this.contextSsim.push(...p.contextSsim);
    this.novelPsnr.push(...p.novelPsnr);
    this.novelSsim.push(...p.novelSsim);
    this.hfGenerated += p.hfGenerated;
    this.hfTruth += p.hfTruth;
    for (const k of ['unseen', 'seen'] as const) {
      this[k].sum += p[k].sum;
      this[k].count += p[k].count;
    }
  }

  /** NaN for a quantity with no data (e.g. no unseen pixels anywhere). */
  result(): EvalRecord {
    return {
      contextPsnr: mean(this.contextPsnr),
      contextSsim: mean(this.contextSsim),
      novelPsnr: mean(this.novelPsnr),
      novelSsim: mean(this.novelSsim),
      sharpnessUnseen: this.hfTruth > 0 ? this.hfGenerated / this.hfTruth : NaN,
      diversityUnseen: this.unseen.count > 0 ? this.unseen.sum / this.unseen.count : NaN,
      diversitySeen: this.seen.count > 0 ? this.seen.sum / this.seen.count : NaN,
    };
  }
}

/** One EvalRecord over all scenes of one method. */
export function aggregateEval(scenes: readonly SceneEvalInput[], metrics: ImageMetrics): EvalRecord {
  const acc = new EvalAccumulator(metrics);
  scenes.forEach((s) => acc.addScene(s));
  return acc.result();
}

/** Plain-text table, one column per method (e.g. { dfm, baseline }). */
export function formatEvalTable(report: Readonly<Record<string, EvalRecord>>): string {
  const methods = Object.keys(report);
  const fmt = (k: keyof EvalRecord, v: number) =>
    Number.isNaN(v) ? 'n/a' : k.endsWith('Psnr') ? v.toFixed(2) : v.toFixed(4);
  const rows = [['metric', ...methods], ...EVAL_RECORD_KEYS.map((k) => [k, ...methods.map((m) => fmt(k, report[m][k]))])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}
