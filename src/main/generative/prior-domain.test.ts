// The image prior's model card (DDRep on the Generate screen), through the Studio service on a temporary
// workspace with the repo's real resources: the shipped default-prior.plxm read as it is (procedural toy
// category, 32 px, its training steps), three 32 px examples from its held-out scenes, one click imports
// one as a capture (idempotent), and a modelId beside prior: true is refused.
import { rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelDomainSchema } from '../../shared';
import { defaultResourcesDir } from '../studio/locate';
import { createStudioService, type StudioService } from '../studio/studio-service';

let base = '';
let service: StudioService | null = null;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-prior-domain-'));
  service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'cpu', resourcesDir: defaultResourcesDir() });
});
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe('the image prior’s model card', () => {
  it('reads the shipped prior: category, 32 px, steps, three 32 px examples', { timeout: 120_000 }, async () => {
    const d = ModelDomainSchema.parse(await service!.getModelDomain({ prior: true }));
    expect(d).toMatchObject({ modelId: null, modelName: 'Image prior (shipped)', kind: 'procedural-toys', resolution: 32 });
    expect(d.category).toMatch(/procedural toy category/);
    expect(d.steps).toBeGreaterThan(0);
    expect(d.examples).toHaveLength(3);
    expect(d.examples.every((e) => e.width === 32 && e.height === 32)).toBe(true);
    const dfm = await service!.getModelDomain({});
    expect(dfm.checksum).not.toBe(d.checksum);
  });

  it('imports an example of the prior as a capture, once', { timeout: 120_000 }, async () => {
    const a = await service!.importDomainExample({ index: 0, prior: true });
    const b = await service!.importDomainExample({ index: 0, prior: true });
    expect(b.id).toBe(a.id);
    if (a.status !== 'ok' || a.manifest.kind !== 'capture') throw new Error('capture not ok');
    expect(a.manifest).toMatchObject({ imageCount: 1, width: 32, height: 32 });
  });

  it('refuses modelId together with prior, naming modelId', async () => {
    await expect(service!.getModelDomain({ prior: true, modelId: 'some-model' })).rejects.toMatchObject({ field: 'modelId' });
  });
});
