// `parallax fit` survives kill -9: a child CLI process is killed after its first checkpoint;
// running the same command again resumes from the checkpoint file and finishes the scene.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoScene, renderProceduralCapture } from '../engine/data';
import { writeBlenderCapture } from '../main/capture-io';
import { readResumeFile, writeResumeFile } from './resume-file';
import { runCli } from './testing-run-cli';

let base = '';

describe('resume file', () => {
  beforeAll(async () => { base = await mkdtemp(join(tmpdir(), 'px-resume-')); });
  afterAll(async () => { await rm(base, { recursive: true, force: true }); });

  it('round-trips, ignores another run key and reports damage', async () => {
    const f = join(base, 'r.bin');
    expect((await readResumeFile(f, 'k')).status).toBe('none');
    await writeResumeFile(f, 'k', 42, new Uint8Array([1, 2, 3]));
    const ok = await readResumeFile(f, 'k');
    expect(ok.status === 'ok' && ok.point.step === 42 && Array.from(ok.point.bytes)).toEqual([1, 2, 3]);
    expect((await readResumeFile(f, 'other')).status).toBe('mismatch');
    await writeFile(f, 'garbage');
    expect((await readResumeFile(f, 'k')).status).toBe('unreadable');
  });

  it('parallax fit resumes after kill -9', async () => {
    const capture = join(base, 'capture');
    const { capture: cap } = renderProceduralCapture({ scene: demoScene(), width: 24, height: 24, views: { train: 8, test: 2 }, supersample: 1 });
    await writeBlenderCapture(capture, cap);
    const out = join(base, 'scene');
    const resume = join(base, '.scene.fit-resume');
    const args = ['fit', capture, '--out', out, '--minutes', '0.4', '--preset', 'draft', '--res', '24', '--backend', 'wasm'];
    const first = await runCli(args, () => existsSync(resume));
    expect(first.signal, first.out).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const saved = await readResumeFile(resume, JSON.stringify({ captureDir: capture }));
    expect(saved.status).toBe('mismatch'); // the key is the full parameter set, not just the folder

    const second = await runCli(args);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(/resuming from .*\.scene\.fit-resume at step [1-9]\d*/);
    // The killed run's lock and staging folder: the lock is taken over, the folder removed.
    expect(second.out).toMatch(/took over the lock of a run that is gone \(pid \d+/);
    expect(second.out).toMatch(/removed .*\.scene\.partial-\w+, left by an interrupted run/);
    expect(await readdir(out)).toContain('scene.bin');
    expect(existsSync(resume)).toBe(false);
    expect((await readdir(base)).filter((n) => n.startsWith('.scene.'))).toEqual([]);
  }, 120_000);
});
