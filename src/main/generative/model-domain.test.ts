// What the shipped model knows, through the Studio service on a temporary workspace with the
// repo's real resources (the shipped default-dfm.plxm, read as it is, and the bundled sample
// capture): the model card's facts and examples (cached), one click to import an example
// (idempotent), and the domain check: the example passes, the sample capture and real beer-can
// frames (../shared/data/beer-can, when present) are flagged with reasons in plain words.
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareView } from '../../engine/dfm';
import { TOY_DOMAIN_PROFILE, domainDistance, photoFeatures } from '../../engine/model-domain';
import { ModelDomainSchema, PhotoDomainCheckSchema, type StudioEvent } from '../../shared';
import { openCaptureFolder } from '../capture-io';
import { defaultResourcesDir } from '../studio/locate';
import { createStudioService, type StudioService } from '../studio/studio-service';

const RESOURCES = defaultResourcesDir();
const SAMPLE = join(RESOURCES, 'sample-capture');
const BEER = resolve(process.cwd(), '..', 'shared', 'data', 'beer-can', 'images');
const hasBeer = existsSync(BEER);

let base = '';
let service: StudioService | null = null;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-model-domain-'));
  service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'cpu', resourcesDir: RESOURCES });
});
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

/** Domain distances of every view of a capture folder, as the model sees each (centre square at 64). */
async function viewDistances(dir: string): Promise<number[]> {
  const cap = await openCaptureFolder(dir, { maxSide: 512 });
  const out: number[] = [];
  for (const v of cap.views) {
    const meta = await sharp(join(dir, v.file)).metadata();
    const sq = squareView(v.image, v.intrinsics, 64);
    out.push(domainDistance(photoFeatures(sq.image, { width: meta.width!, height: meta.height! }, 64, [1, 1, 1]), TOY_DOMAIN_PROFILE).distance);
  }
  return out;
}

describe('domain distance on files', () => {
  // scripts/model-domain-profile.ts: the 48 sample-capture views are at 3.81-12.96 (median 5.20).
  it('flags every view of the bundled sample capture', async () => {
    const d = await viewDistances(SAMPLE);
    expect(d).toHaveLength(48);
    expect(Math.min(...d)).toBeGreaterThan(TOY_DOMAIN_PROFILE.threshold);
  }, 300_000);

  // 71 frames at 720x1280: 30.2-37.4 (scripts/model-domain-profile.ts); 4 spread over the video keep the test short.
  it.runIf(hasBeer)('flags the beer-can frames (real photos)', async () => {
    const files = readdirSync(BEER).filter((f) => f.endsWith('.jpg')).sort().filter((_, i) => i % 20 === 0);
    const dir = join(base, 'beer-frames');
    await mkdir(dir);
    for (const f of files) await copyFile(join(BEER, f), join(dir, f));
    const d = await viewDistances(dir);
    expect(d).toHaveLength(4);
    expect(Math.min(...d)).toBeGreaterThan(10 * TOY_DOMAIN_PROFILE.threshold);
  }, 300_000);
});

describe('studio: what a model knows', () => {
  it('getModelDomain reads the shipped model\'s header as it is: category, 64x64, steps, 3 held-out examples', async () => {
    const s = service!;
    const d = ModelDomainSchema.parse(await s.getModelDomain({}));
    expect(d).toMatchObject({ modelId: null, kind: 'procedural-toys', resolution: 64, trainScenes: 64, viewsPerScene: 8, checkable: true });
    expect(d.steps).toBeGreaterThan(0);
    expect(d.category).toMatch(/procedural toy category/);
    expect(d.examples).toHaveLength(3);
    for (const ex of d.examples) {
      const png = Buffer.from(ex.png.replace(/^data:image\/png;base64,/, ''), 'base64');
      const meta = await sharp(png).metadata();
      expect([meta.width, meta.height]).toEqual([64, 64]);
    }
    // Cached: on disk under .jobs/cache and in memory (the second call returns the same renders).
    const cacheDir = join(base, 'ws', '.jobs', 'cache', 'model-domain', 'toys-64-255-255-255');
    const cached = (await readdir(cacheDir)).sort();
    expect(cached).toEqual(d.examples.map((e) => `example-${e.sceneSeed}.png`).sort());
    const mtimes = async () => Promise.all(cached.map(async (f) => (await stat(join(cacheDir, f))).mtimeMs));
    const before = await mtimes();
    const again = await s.getModelDomain({});
    expect(again.examples).toEqual(d.examples);
    expect(await mtimes()).toEqual(before); // not rendered or written again
  }, 300_000);

  it('an imported example passes the check; importing it again returns the same capture', async () => {
    const s = service!;
    const events: StudioEvent[] = [];
    const off = s.onEvent((e) => events.push(e));
    const a = await s.importDomainExample({ index: 1 });
    const b = await s.importDomainExample({ index: 1 });
    off();
    expect(b.id).toBe(a.id);
    expect(events.filter((e) => e.type === 'workspace')).toHaveLength(1);
    if (a.status !== 'ok' || a.manifest.kind !== 'capture') throw new Error('capture not ok');
    expect(a.manifest).toMatchObject({ format: 'blender', imageCount: 1, width: 64, height: 64 });
    const check = PhotoDomainCheckSchema.parse(await s.checkPhotoDomain({ captureId: a.id }));
    expect(check.inDomain).toBe(true);
    expect(check.distance!).toBeLessThanOrEqual(check.threshold!);
    expect(check.reasons).toEqual([]);
  }, 300_000);

  it('the sample capture is flagged before sampling, with the reason in plain words', async () => {
    const s = service!;
    const item = await s.importSampleCapture({});
    const check = await s.checkPhotoDomain({ captureId: item.id });
    expect(check.inDomain).toBe(false);
    expect(check.distance!).toBeGreaterThan(check.threshold!);
    expect(check.photo).toEqual({ width: 100, height: 100 });
    expect(check.message).toMatch(/far from what the model knows: 64x64 renders of the procedural toy category.*Expect noise/);
    expect(check.reasons.join(' ')).toMatch(/spans \d+% of the width/);
  }, 120_000);

  it.runIf(hasBeer)('a real photo is flagged for its size, shape and background', async () => {
    const s = service!;
    const dir = join(base, 'beer');
    await mkdir(dir);
    await copyFile(join(BEER, '0000.jpg'), join(dir, '0000.jpg'));
    const item = await s.importCapture({ path: dir, name: 'Beer can' });
    const check = await s.checkPhotoDomain({ captureId: item.id });
    expect(check.inDomain).toBe(false);
    expect(check.distance!).toBeGreaterThan(10);
    expect(check.photo).toEqual({ width: 720, height: 1280 });
    const why = check.reasons.join(' | ');
    expect(why).toMatch(/720x1280, not square/);
    expect(why).toMatch(/background is not the plain white/);
  }, 120_000);

  it('bad arguments name the field and value', async () => {
    const s = service!;
    await expect(s.importDomainExample({ index: 3 } as never)).rejects.toThrow(/importDomainExample: index: .*\(got 3\)/);
    await expect(s.checkPhotoDomain({ captureId: 'nope-000' })).rejects.toMatchObject({ field: 'captureId', message: expect.stringMatching(/nope-000/) });
    await expect(s.getModelDomain({ modelId: 'missing-model-abc' })).rejects.toThrow(/missing-model-abc/);
  });
});
