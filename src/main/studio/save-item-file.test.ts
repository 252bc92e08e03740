// saveItemFile through the service with an injected save dialog (the desktop shell's hook), the
// web-mode refusal, confinement to the item folder; and getStatus's memory figures.
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared';
import { createStudioService } from './studio-service';
import type { StudioService } from './studio-service';
import { TINY_RUNNER, addFixtureCapture } from './testing/fixtures';

let dir = '';
let service: StudioService | null = null;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'px-save-')); });
afterEach(async () => {
  await service?.close();
  service = null;
  await rm(dir, { recursive: true, force: true });
});

async function open(saveDialog?: (name: string) => Promise<string | null>): Promise<StudioService> {
  service = await createStudioService({
    workspaceDir: join(dir, 'ws'), host: saveDialog ? 'electron' : 'web', backend: 'cpu', runnerModules: { fit: TINY_RUNNER }, saveDialog,
  });
  return service;
}

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as StudioError);

describe('saveItemFile', () => {
  it('copies the chosen file of an item to the path the dialog returns', async () => {
    const asked: string[] = [];
    const target = join(dir, 'out', 'chosen.json');
    await mkdir(join(dir, 'out'));
    const s = await open(async (name) => { asked.push(name); return target; });
    const id = await addFixtureCapture(join(dir, 'ws'));
    const res = await s.saveItemFile({ kind: 'capture', id, file: 'capture/transforms.json' });
    expect(res).toEqual({ path: target });
    expect(asked).toEqual(['transforms.json']);
    const original = await readFile(join(dir, 'ws', 'captures', id, 'capture', 'transforms.json'), 'utf8');
    expect(await readFile(target, 'utf8')).toBe(original);
    expect(await readdir(join(dir, 'out'))).toEqual(['chosen.json']); // no temp file left behind
  });

  it('returns { path: null } and writes nothing when the user cancels', async () => {
    const s = await open(async () => null);
    const id = await addFixtureCapture(join(dir, 'ws'));
    expect(await s.saveItemFile({ kind: 'capture', id, file: 'manifest.json' })).toEqual({ path: null });
  });

  it('web mode (no dialog) rejects with forbidden and says to use Download', async () => {
    const s = await open();
    const id = await addFixtureCapture(join(dir, 'ws'));
    const err = await errorOf(s.saveItemFile({ kind: 'capture', id, file: 'manifest.json' }));
    expect(err).toBeInstanceOf(StudioError);
    expect(err?.code).toBe('forbidden');
    expect(err?.message).toBe('saving through a dialog is only available in the desktop app; use Download');
  });

  it('refuses traversal, missing files, missing items and symlinks out of the item folder', async () => {
    let asked = 0;
    const s = await open(async () => { asked++; return join(dir, 'never.bin'); });
    const id = await addFixtureCapture(join(dir, 'ws'));
    const traversal = await errorOf(s.saveItemFile({ kind: 'capture', id, file: '../other/manifest.json' }));
    expect([traversal?.code, traversal?.field]).toEqual(['invalid-argument', 'file']);
    const missing = await errorOf(s.saveItemFile({ kind: 'capture', id, file: 'nope.glb' }));
    expect([missing?.code, missing?.field]).toEqual(['not-found', 'file']);
    expect(missing?.message).toContain('nope.glb');
    const noItem = await errorOf(s.saveItemFile({ kind: 'scene', id: 'ghost', file: 'mesh.glb' }));
    expect([noItem?.code, noItem?.field]).toEqual(['not-found', 'id']);
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await symlink(join(dir, 'secret.txt'), join(dir, 'ws', 'captures', id, 'link.txt'));
    const link = await errorOf(s.saveItemFile({ kind: 'capture', id, file: 'link.txt' }));
    expect([link?.code, link?.field]).toEqual(['invalid-argument', 'file']);
    expect(asked).toBe(0);
  });
});

describe('getStatus', () => {
  it('reports this process and the machine memory', async () => {
    const s = await open();
    const st = await s.getStatus({});
    expect(st.rssBytes).toBeGreaterThan(st.heapUsedBytes);
    expect(st.heapUsedBytes).toBeGreaterThan(1e6);
    expect(st.totalSystemBytes).toBe(totalmem());
    expect(st.freeSystemBytes).toBeLessThanOrEqual(st.totalSystemBytes);
    const big = new Float64Array(8e6); // 64 MB outside the JS heap shows up in externalBytes
    big[1] = 1;
    expect((await s.getStatus({})).externalBytes - st.externalBytes).toBeGreaterThan(60e6);
    expect(big[1]).toBe(1);
  });
});
