import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathConfinementError, resolveConfinedFile, splitConfinedPath } from './path-confine';

describe('splitConfinedPath', () => {
  it('decodes ordinary segments', () => {
    expect(splitConfinedPath('scenes/abc/preview%20one.png')).toEqual(['scenes', 'abc', 'preview one.png']);
  });
  it.each([
    ['../x'], ['a/../../x'], ['%2e%2e/x'], ['%2E%2E%2Fetc%2Fpasswd'], ['a/%2e/b'], ['..%2f..%2fetc'],
    ['..%5c..%5cwin.ini'], ['/etc/passwd'], ['a//b'], ['a/b%00.png'], ['C:%5Cx'], ['c:/x'], [''],
    ['%E0%A4%A'], ['a/'],
  ])('refuses %s', (raw) => {
    expect(() => splitConfinedPath(raw)).toThrow(PathConfinementError);
  });
});

describe('resolveConfinedFile', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'confine-'));
    root = join(base, 'workspace');
    await mkdir(join(root, 'scenes', 's1'), { recursive: true });
    await writeFile(join(root, 'scenes', 's1', 'preview.png'), 'png');
    await writeFile(join(base, 'secret.txt'), 'secret');
    await symlink(join(base, 'secret.txt'), join(root, 'escape.txt'));
    await symlink(join(root, 'scenes', 's1', 'preview.png'), join(root, 'inside-link.png'));
    await symlink(base, join(root, 'escape-dir'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('resolves a file inside the root', async () => {
    expect(await resolveConfinedFile(root, 'scenes/s1/preview.png')).toMatch(/scenes\/s1\/preview\.png$/);
  });
  it('follows a symlink that stays inside', async () => {
    expect(await resolveConfinedFile(root, 'inside-link.png')).toMatch(/preview\.png$/);
  });
  it.each([['escape.txt'], ['escape-dir/secret.txt']])('refuses symlink escape %s', async (raw) => {
    await expect(resolveConfinedFile(root, raw)).rejects.toMatchObject({ reason: 'outside-root' });
  });
  it('reports missing files and folders as not found', async () => {
    await expect(resolveConfinedFile(root, 'nope.png')).rejects.toMatchObject({ reason: 'not-found' });
    await expect(resolveConfinedFile(root, 'scenes')).rejects.toMatchObject({ reason: 'not-a-file' });
  });
  it('refuses traversal before touching the disk', async () => {
    await expect(resolveConfinedFile(root, '../secret.txt')).rejects.toMatchObject({ reason: 'invalid-path' });
  });
});
