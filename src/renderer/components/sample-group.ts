// Generated scenes of one sample job (the contract: one scene per sample, `settings.groupId` =
// the job id, `settings.sampleIndex`), the variance view's colour map, and seeds. Pure
// functions, unit-tested in sample-group.test.ts.
import type { JobRecord, WorkspaceItem } from '../../shared';
import { itemFilePath } from '../lib';

export interface GroupScene {
  item: WorkspaceItem;
  id: string;
  name: string;
  /** 0-based index of the sample in its group. */
  index: number;
  seed: number | null;
  /** Workspace-relative paths, when the scene has the file. */
  preview: string | null;
  variance: string | null;
  hasMesh: boolean;
  /** Largest per-pixel std of the group (colour units 0-1), which variance.png is normalised by. */
  varianceMax: number | null;
}

/** The scenes a sample job produced, in sample order. */
export function sampleGroup(items: readonly WorkspaceItem[] | null, jobId: string): GroupScene[] {
  const group: GroupScene[] = [];
  for (const item of items ?? []) {
    if (item.status !== 'ok' || item.manifest.kind !== 'scene' || item.manifest.origin !== 'sample') continue;
    const m = item.manifest;
    if (m.settings.groupId !== jobId) continue;
    const index = typeof m.settings.sampleIndex === 'number' ? m.settings.sampleIndex : group.length;
    group.push({
      item,
      id: item.id,
      name: m.name,
      index,
      seed: typeof m.settings.seed === 'number' ? m.settings.seed : null,
      preview: m.files.preview ? itemFilePath('scene', item.id, m.files.preview) : null,
      variance: m.files.variance ? itemFilePath('scene', item.id, m.files.variance) : null,
      hasMesh: Boolean(m.files.mesh),
      varianceMax: typeof m.metrics.varianceMax === 'number' ? m.metrics.varianceMax : null,
    });
  }
  return group.sort((a, b) => a.index - b.index || a.id.localeCompare(b.id));
}

/** The group's variance image (every sibling carries the same file; the first one is used). */
export function groupVariance(group: readonly GroupScene[]): string | null {
  return group.find((s) => s.variance)?.variance ?? null;
}

/** The newest job of a kind (what a screen shows when the user has not picked one). */
export function latestJob(jobs: readonly JobRecord[], kind: JobRecord['spec']['kind']): JobRecord | null {
  let best: JobRecord | null = null;
  for (const job of jobs) {
    if (job.spec.kind !== kind) continue;
    if (!best || job.createdAt > best.createdAt || (job.createdAt === best.createdAt && job.id > best.id)) best = job;
  }
  return best;
}

/** A seed the sample schema accepts: an integer in [0, 2^31 − 1]. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.min(2 ** 31 - 1, Math.floor(random() * 2 ** 31));
}

/**
 * Colour map for the variance view, black (samples agree) through purple, red and orange to pale
 * yellow (they disagree): the same ramp the sample runner draws variance.png with
 * (src/main/generative/images.ts rampColour), so the legend matches the image.
 */
const STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [69, 13, 115], [204, 51, 77], [250, 153, 26], [255, 255, 191],
];

export function varianceColour(t: number): [number, number, number] {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const f = x * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(f));
  const u = f - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * u)) as [number, number, number];
}

/** CSS gradient of the same ramp, for the legend. */
export function varianceGradient(): string {
  const parts = STOPS.map((s, i) => `rgb(${s.join(' ')}) ${Math.round((i / (STOPS.length - 1)) * 100)}%`);
  return `linear-gradient(90deg, ${parts.join(', ')})`;
}

export interface VarianceMapped {
  /** RGBA pixels to draw. */
  rgba: Uint8ClampedArray<ArrayBuffer>;
  /** Largest grey level in the source (0-255), the legend's top end. */
  max: number;
  /** Fraction of pixels whose level differs from the most common level (0 = uniform image). */
  nonUniform: number;
}

/**
 * Applies the colour map to a grey variance image (RGBA as read from a canvas). The grey level is
 * stretched by the image's own maximum, so faint disagreement is still visible; the legend shows
 * that maximum. Images that are already in colour (R, G, B differ) keep their colours.
 */
export function mapVariance(rgba: Uint8ClampedArray): VarianceMapped {
  const out = new Uint8ClampedArray(rgba.length);
  let max = 0;
  let grey = true;
  const histogram = new Uint32Array(256);
  for (let i = 0; i < rgba.length; i += 4) {
    const v = rgba[i];
    if (rgba[i + 1] !== v || rgba[i + 2] !== v) grey = false;
    if (v > max) max = v;
    histogram[v] += 1;
  }
  const pixels = rgba.length / 4;
  let mode = 0;
  for (let v = 1; v < 256; v++) if (histogram[v] > histogram[mode]) mode = v;
  const nonUniform = pixels ? 1 - histogram[mode] / pixels : 0;
  if (!grey) {
    out.set(rgba);
    return { rgba: out, max, nonUniform };
  }
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b] = varianceColour(max ? rgba[i] / max : 0);
    out[i] = r;
    out[i + 1] = g;
    out[i + 2] = b;
    out[i + 3] = 255;
  }
  return { rgba: out, max, nonUniform };
}
