// Runner `eval-prior`: score the samples the `eval-prior-samples` shards drew (issue 17).
//   1. read every shard (<dir>/shard-<k>.json + .f32) and gather each method's samples in index order;
//      check that each method has exactly its planned samples
//   2. the reference: `references` held-out renders (prior/data.ts heldOutImages, split 'test', one view per
//      scene so they are i.i.d., seed referenceSeed; a different draw from the conditions' seed)
//   3. KID features of both (eval/kid, the kid-features model file), then kid / diversity / sharpness per
//      method (engine/eval/prior-eval/metrics.ts), the prior also on its first n samples (matched)
//      rep siren: the paired prior's median PSNR to DDRep's samples of the same noise (psnrToDdrep)
//      rep field: viewConsistency, the azimuth error of the KID network on each method's held-out renders
//      (metrics.ts azimuthError), and the same on the reference renders as the floor
//   4. write <stagingDir>/eval-prior/report.json (the CLI prints it and the table) and samples.png, a contact
//      sheet to look at: one row per method (the prior's first n, the paired prior, DDRep, SDS, SJC), its first n samples
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { extractFeatures, loadKidFeatureFile, disposeKidFeatureNet, meanPairwiseDistance, pixelPairDistance, predictAzimuths } from '../../../engine/eval/kid';
import {
  azimuthError, pairedConfig, pairedPsnr, recordFigures, setMetrics, targetChecks, toUnitRange, type MethodReport, type PriorEvalMethod, type PriorEvalReport, type PriorEvalSampleRecord,
} from '../../../engine/eval/prior-eval';
import { heldOutImages } from '../../../engine/prior';
import type { RgbImage } from '../../../engine/data/types';
import { writePng } from '../../capture-io';
import { writeFileAtomic } from '../../workspace';
import { stackImages } from './ddrep-setup';
import { EvalPriorMetricsSchema, resolveEvalMethods } from './eval-prior-params';
import type { EvalPriorShardFile } from './eval-prior-samples';
import { evalRep, planOf } from './eval-prior-samples';
import type { Runner } from './types';

export const EVAL_PRIOR_DIR = 'eval-prior';
/** The contact sheet of the samples (step 4). */
export const CONTACT_SHEET = 'samples.png';

/** Rows of up to `n` images (each [k, S, S, 3] in [-1, 1]) side by side, one row per set; short rows padded white. */
export function contactSheet(sets: readonly Float32Array[], size: number, n: number): RgbImage {
  const px = size * size * 3;
  const rows = sets.map((set) => {
    const unit = toUnitRange(set);
    const cells = Array.from({ length: n }, (_, i): RgbImage => ({
      width: size, height: size, data: i * px < unit.length ? unit.slice(i * px, (i + 1) * px) : new Float32Array(px).fill(1),
    }));
    return stackImages(cells, 'horizontal');
  });
  return stackImages(rows, 'vertical');
}

interface Gathered { records: PriorEvalSampleRecord[]; images: Float32Array }

/** Every shard's records and images, per method, sorted by sample index; the image size S of the shards. */
export async function readShards(dirs: readonly string[]): Promise<{ size: number; methods: Map<PriorEvalMethod, Gathered> }> {
  let size = 0;
  const rows = new Map<PriorEvalMethod, { r: PriorEvalSampleRecord; img: Float32Array }[]>();
  for (const dir of dirs) {
    const names = (await readdir(dir)).filter((n) => /^shard-\d+\.json$/.test(n));
    if (names.length === 0) throw new Error(`eval-prior: no shard-<k>.json in ${dir}`);
    for (const name of names) {
      const file = join(dir, name);
      const shard = JSON.parse(await readFile(file, 'utf8')) as EvalPriorShardFile;
      size ||= shard.size;
      if (shard.size !== size) throw new Error(`eval-prior: ${file}: image size ${shard.size} differs from the other shards' ${size}`);
      const px = size * size * 3;
      const bin = await readFile(file.replace(/\.json$/, '.f32'));
      if (bin.byteLength !== shard.records.length * px * 4) {
        throw new Error(`eval-prior: ${file.replace(/\.json$/, '.f32')} holds ${bin.byteLength} bytes, expected ${shard.records.length} images of ${size}x${size}x3 float32`);
      }
      const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
      shard.records.forEach((r, k) => {
        rows.set(r.method, [...(rows.get(r.method) ?? []), { r, img: all.subarray(k * px, (k + 1) * px) }]);
      });
    }
  }
  const out = new Map<PriorEvalMethod, Gathered>();
  for (const [m, list] of rows) {
    list.sort((a, b) => a.r.index - b.r.index);
    const px = size * size * 3;
    const images = new Float32Array(list.length * px);
    list.forEach((x, k) => images.set(x.img, k * px));
    out.set(m, { records: list.map((x) => x.r), images });
  }
  return { size, methods: out };
}

export const run: Runner = async (ctx) => {
  const p = EvalPriorMetricsSchema.parse(ctx.params);
  const { tf } = ctx;
  evalRep(p.rep);
  const featuresFile = resolve(p.featuresFile);
  if (!existsSync(featuresFile)) throw new Error(`eval-prior: KID feature extractor not found: ${featuresFile}`);
  const plan = planOf(p);
  const configs = resolveEvalMethods(p);
  const { size, methods: gathered } = await readShards(p.sampleDirs);
  for (const m of p.methods) {
    const want = m === 'prior' ? plan.priorSamples : plan.samples;
    const got = gathered.get(m)?.records.map((r) => r.index) ?? [];
    if (got.length !== want || got.some((v, i) => v !== i)) throw new Error(`eval-prior: method ${m} has samples [${got.join(', ')}], expected 0-${want - 1}`);
  }
  ctx.progress({ step: 0, total: 2, losses: {}, etaSeconds: null, message: `rendering ${p.references} held-out views` });
  const ref = heldOutImages(p.references, p.referenceSeed, { viewsPerScene: 1, resolution: size });
  const refImages = toUnitRange(ref.images);
  const loaded = loadKidFeatureFile(tf, new Uint8Array(await readFile(featuresFile)), featuresFile);
  try {
    const dim = loaded.net.config.featureDim;
    if (size % loaded.net.config.imageSize !== 0) {
      throw new Error(`eval-prior: ${featuresFile}: the extractor takes ${loaded.net.config.imageSize}-pixel images (or multiples), the prior makes ${size}`);
    }
    ctx.progress({ step: 1, total: 2, losses: {}, etaSeconds: null, message: 'features and metrics' });
    const reference = { images: refImages, features: extractFeatures(tf, loaded.net, refImages, size) };
    const field = p.rep === 'field';
    const azimuthOf = (c: ArrayLike<number>) => Math.atan2(c[0], c[1]);
    /** Mean azimuth error (degrees) of the network on images [N, S, S, 3] in [0, 1] asked for `conds`. */
    const viewConsistency = (images: Float32Array, conds: readonly ArrayLike<number>[]) => azimuthError(predictAzimuths(tf, loaded.net, images, size), conds.map(azimuthOf));
    const report: PriorEvalReport = {
      rep: p.rep,
      reference: {
        count: p.references,
        diversity: meanPairwiseDistance(reference.features, dim),
        diversityPixel: pixelPairDistance(refImages, size),
        description: `split 'test', one view per scene, seed ${p.referenceSeed}; their diversity is over all pairs`,
        ...(field ? { viewConsistency: viewConsistency(refImages, Array.from({ length: p.references }, (_, i) => ref.conds[i])) } : {}),
      },
      targets: [],
      settings: {
        plan, methods: p.methods, guidance: p.guidance, references: p.references, referenceSeed: p.referenceSeed,
        kidFeatures: { file: featuresFile, checksum: loaded.checksum }, model: resolve(p.modelFile), backend: ctx.backend,
        diversity: 'mean over condition groups of the mean pairwise Euclidean distance of KID features (128-d) between seeds',
        sharpness: 'mean squared Laplacian of luminance, samples / held-out renders',
        ...(field ? { viewConsistency: 'mean absolute difference (deg) between the requested azimuth of each held-out view and the KID network\'s azimuth reading of it' } : {}),
      },
    };
    const methodSettings: Record<PriorEvalMethod, Record<string, unknown>> = {
      prior: configs.prior, paired: pairedConfig(configs.ddrep, plan.seed), ddrep: configs.ddrep, sds: configs.sds, sjc: configs.sjc,
    };
    for (const m of p.methods) {
      const g = gathered.get(m)!;
      const images = toUnitRange(g.images);
      const features = extractFeatures(tf, loaded.net, images, size);
      const groups = g.records.map((r) => r.group);
      const entry: MethodReport = {
        ...setMetrics({ images, features, groups }, reference, dim, size), ...recordFigures(g.records), settings: methodSettings[m],
        ...(field ? { viewConsistency: viewConsistency(images, g.records.map((r) => r.condition)) } : {}),
      };
      if (m === 'prior') {
        const n = plan.samples;
        const px = size * size * 3;
        const matched = setMetrics({ images: images.slice(0, n * px), features: features.slice(0, n * dim), groups: groups.slice(0, n) }, reference, dim, size);
        report.prior = { ...entry, matched: { ...matched, samples: n } };
      } else report[m] = entry;
    }
    const [paired, ddrep] = [gathered.get('paired'), gathered.get('ddrep')];
    if (report.paired && paired && ddrep) report.paired.psnrToDdrep = pairedPsnr(toUnitRange(paired.images), toUnitRange(ddrep.images), size);
    report.targets = targetChecks(report);
    const outDir = join(ctx.stagingDir, EVAL_PRIOR_DIR);
    await mkdir(outDir, { recursive: true });
    await writeFileAtomic(join(outDir, 'report.json'), new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`));
    await writePng(join(outDir, CONTACT_SHEET), contactSheet(p.methods.map((m) => gathered.get(m)!.images), size, plan.samples));
    return { status: 'succeeded', outputs: [{ kind: 'export', name: `eval-prior ${p.rep}`, dir: EVAL_PRIOR_DIR, fields: { files: ['report.json'] } }] };
  } finally {
    disposeKidFeatureNet(loaded.net);
  }
};
