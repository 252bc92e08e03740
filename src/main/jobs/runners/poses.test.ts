// The poses runner with real COLMAP on a trimmed set of the beer-can frames (12 frames, every 3rd,
// at 800 px: with 8-14 frames at 320-640 px COLMAP 3.8's mapper finds no initial pair on this can):
// a posed capture item (nerfstudio transforms.json, undistorted images, sparse points) that the
// studio's capture reader opens, the registration record for the card, and Cancel committing nothing.
// Skips, saying why, when the data or COLMAP is missing.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureManifestSchema } from '../../../shared';
import type { Tf } from '../../../engine/tf';
import { openCaptureFolder } from '../../capture-io';
import { findTool } from '../../external-tools';
import { processesMentioning } from '../../poses/test-helpers';
import { run } from './poses';
import type { PosesParams } from './poses-params';
import type { RunnerContext, RunnerOutput, RunnerProgress } from './types';

const BEER = resolve(__dirname, '../../../../../shared/data/beer-can/images');
const FRAMES = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33].map((i) => `${String(i).padStart(4, '0')}.jpg`);
const colmap = await findTool('colmap').then(() => true, () => false);
const why = !existsSync(BEER) ? `beer-can frames missing at ${BEER}` : !colmap ? 'COLMAP is not installed (sudo apt-get install colmap)' : '';
if (why) console.warn(`poses runner tests skipped: ${why}`);

let base = '';
let photos = '';
beforeAll(async () => {
  if (why) return;
  base = await mkdtemp(join(tmpdir(), 'px-poses-'));
  photos = join(base, 'photos');
  await mkdir(photos);
  for (const f of FRAMES) await copyFile(join(BEER, f), join(photos, f));
  await writeFile(join(photos, 'notes.jpg'), 'not a photo'); // skipped, by name
});
afterAll(async () => { if (base) await rm(base, { recursive: true, force: true }); });

function context(name: string, params: PosesParams, stopWhen: (p: RunnerProgress[]) => boolean = () => false) {
  const progress: RunnerProgress[] = [];
  const ctx: RunnerContext = {
    tf: {} as Tf, backend: 'cpu', adapter: 'test', params, jobDir: join(base, `job-${name}`), stagingDir: join(base, `staging-${name}`),
    resumeFrom: null, options: {}, progress: (p) => { progress.push(p); }, shouldStop: () => stopWhen(progress), checkpoint: async () => undefined,
  };
  return { ctx, progress };
}

const params = (): PosesParams => ({ source: photos, sourceId: 'beer-photos', matcher: 'auto', maxSize: 800, captureName: 'Beer (posed)' });

describe.skipIf(!!why)('poses runner (real COLMAP)', () => {
  it('poses the trimmed beer-can frames into a new capture the studio reads', async () => {
    const { ctx, progress } = context('ok', params());
    const result = await run(ctx);
    expect(result.status).toBe('succeeded');
    if (result.status !== 'succeeded') return;
    const out = result.outputs[0] as RunnerOutput;
    expect(out).toMatchObject({ kind: 'capture', name: 'Beer (posed)', dir: 'capture' });
    const now = new Date().toISOString();
    const manifest = CaptureManifestSchema.parse({ ...out.fields, schemaVersion: 1, id: 'beer-posed', name: out.name, kind: 'capture', createdAt: now, updatedAt: now });
    const poses = manifest.poses!;
    expect(poses.sourceCaptureId).toBe('beer-photos');
    expect(poses.imageCount).toBe(FRAMES.length);
    expect(poses.registered).toBeGreaterThanOrEqual(8);
    expect(poses.registered + poses.unregistered.length).toBe(FRAMES.length);
    expect(poses.skipped.map((s) => s.file)).toEqual(['notes.jpg']);
    expect(poses.points).toBeGreaterThan(100);
    expect(poses.meanReprojectionError).toBeGreaterThan(0);
    expect(poses.meanReprojectionError).toBeLessThan(4);
    expect(manifest).toMatchObject({ format: 'nerfstudio', root: 'capture', imageCount: poses.registered, thumbnail: 'thumbnail.png' });
    expect(Math.max(manifest.width!, manifest.height!)).toBeLessThanOrEqual(800);
    const item = join(ctx.stagingDir, 'capture');
    expect(existsSync(join(item, 'thumbnail.png'))).toBe(true);
    // Stages arrive in order, with counts.
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(expect.arrayContaining(['features', 'matching', 'mapping']));
    expect(stages.indexOf('features')).toBeLessThan(stages.indexOf('mapping'));
    // The studio's capture reader opens it, with the sparse points in the capture's world.
    const capture = await openCaptureFolder(join(item, 'capture'), { maxSide: 64 });
    expect(capture.views.length).toBe(poses.registered);
    expect(capture.sparsePoints!.xyz.length / 3).toBe(poses.points);
    expect(existsSync(join(ctx.jobDir, 'colmap'))).toBe(false); // scratch removed
  }, 600_000);

  it('cancel once COLMAP has extracted features of an image stops it and leaves nothing behind', async () => {
    const { ctx, progress } = context('cancel', params(), (p) => p.some((x) => x.stage === 'features' && x.step >= 1));
    const started = Date.now();
    const result = await run(ctx);
    expect(result.status).toBe('stopped');
    expect(progress.some((p) => p.stage === 'mapping')).toBe(false);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(processesMentioning(ctx.jobDir)).toEqual([]); // no COLMAP left running in the job's scratch
    expect(await readdir(ctx.stagingDir)).toEqual([]);
    expect(existsSync(join(ctx.jobDir, 'colmap'))).toBe(false);
  }, 120_000);
});
