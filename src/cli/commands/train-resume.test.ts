// `parallax train` survives kill -9: the child CLI is killed once its first checkpoint exists;
// the same command again resumes from the checkpoint and writes the model file.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModelFile } from '../../engine/model-file';
import { useBackend } from '../../engine/testing/backends';
import { writeTinyModel, writeToyCapture } from '../../main/generative/testing/fixtures';
import { runCli } from '../testing-run-cli';

let base = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-train-kill-'));
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  await writeTinyModel(s.tf, join(base, 'base.plxm'));
  await writeToyCapture(join(base, 'cap'), 3, 4);
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

describe('parallax train', () => {
  it('resumes after kill -9 from its checkpoint', async () => {
    const out = join(base, 'tuned.plxm');
    const args = ['train', join(base, 'cap'), '--from', join(base, 'base.plxm'), '--steps', '10', '--out', out, '--checkpoint-every', '1', '--backend', 'wasm'];
    const first = await runCli(args, () => existsSync(`${out}.ckpt`));
    expect(first.signal, first.out).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const second = await runCli(args);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(/resuming from .*tuned\.plxm\.ckpt at step [1-9]\/10/);
    expect(decodeModelFile(new Uint8Array(await readFile(out))).provenance.steps).toBe(10);
    expect(existsSync(`${out}.ckpt`)).toBe(false);
  }, 120_000);
});
