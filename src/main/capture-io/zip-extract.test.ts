import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractZip, unsafeEntryName, ZIP_LIMITS_DEFAULTS, ZipExtractError } from './zip-extract';
import { buildTestZip, type TestZipEntry } from './zip-fixtures';
import { unsafeUploadPath } from './upload-staging';

let base = '';
let out = '';
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-zip-'));
  out = join(base, 'out');
  await mkdir(out);
});
afterEach(async () => { await rm(base, { recursive: true, force: true }); });

async function zipFile(entries: TestZipEntry[], name = 'a.zip'): Promise<string> {
  const p = join(base, name);
  await writeFile(p, buildTestZip(entries));
  return p;
}

async function refusal(p: Promise<unknown>): Promise<ZipExtractError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ZipExtractError);
  return err as ZipExtractError;
}

describe('extractZip', () => {
  it('extracts stored and deflated files and folders, skipping macOS metadata', async () => {
    const p = await zipFile([
      { name: 'lego/' },
      { name: 'lego/transforms.json', data: '{"frames":[]}', method: 'store' },
      { name: 'lego/images/a.txt', data: 'x'.repeat(5000) },
      { name: '__MACOSX/lego/._transforms.json', data: 'junk' },
      { name: 'lego/.DS_Store', data: 'junk' },
    ]);
    const r = await extractZip(p, out);
    expect(r.files).toEqual(['lego/transforms.json', 'lego/images/a.txt']);
    expect(r.totalBytes).toBe(13 + 5000);
    expect(r.skipped).toHaveLength(2);
    expect(await readFile(join(out, 'lego', 'images', 'a.txt'), 'utf8')).toBe('x'.repeat(5000));
    expect(await readdir(out)).toEqual(['lego']);
  });

  it.each([
    ['../evil.txt', 'path traversal'],
    ['lego/../../evil.txt', 'path traversal'],
    ['/etc/evil.txt', 'absolute path'],
    ['C:/evil.txt', 'drive letter'],
    ['a\u0000b.txt', 'NUL'],
  ])('refuses the entry %j before writing anything', async (name, why) => {
    const p = await zipFile([{ name: 'ok.txt', data: 'fine' }, { name, data: 'evil' }]);
    const err = await refusal(extractZip(p, out));
    expect(err.entry).toBe(name);
    expect(err.message).toContain(why);
    expect(err.message).toContain('a.zip');
    expect(await readdir(out)).toEqual([]);
    expect(existsSync(join(base, 'evil.txt'))).toBe(false);
  });

  it('refuses a symbolic link entry (it is never created)', async () => {
    const p = await zipFile([
      { name: 'cap/link', data: '/etc/passwd', unixMode: 0o120777, method: 'store' },
      { name: 'cap/link/x.txt', data: 'through the link' },
    ]);
    const err = await refusal(extractZip(p, out));
    expect(err.entry).toBe('cap/link');
    expect(err.message).toContain('symbolic links are not allowed');
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses a device / FIFO entry written on Unix', async () => {
    const p = await zipFile([{ name: 'fifo', data: '', unixMode: 0o010644, method: 'store' }]);
    expect((await refusal(extractZip(p, out))).message).toContain('special file');
  });

  it('refuses duplicate names (also differing only in case)', async () => {
    const p = await zipFile([{ name: 'a/x.png', data: '1' }, { name: 'a/X.png', data: '2' }]);
    const err = await refusal(extractZip(p, out));
    expect(err.entry).toBe('a/X.png');
    expect(err.message).toContain('duplicate');
  });

  it('refuses by declared size before inflating (per file and total)', async () => {
    const big = new Uint8Array(3 * 1024 * 1024); // zeros: compresses to a few KiB
    const p = await zipFile([{ name: 'big.bin', data: big }]);
    const perFile = await refusal(extractZip(p, out, { maxFileBytes: 1024 * 1024 }));
    expect(perFile.entry).toBe('big.bin');
    expect(perFile.message).toMatch(/3\.0 MiB is above the per-file limit of 1\.0 MiB/);
    const p2 = await zipFile([{ name: 'a.bin', data: big }, { name: 'b.bin', data: big }], 'b.zip');
    const total = await refusal(extractZip(p2, out, { maxTotalBytes: 5 * 1024 * 1024 }));
    expect(total.entry).toBe('b.bin');
    expect(total.message).toContain('limit of 5.0 MiB');
    expect(await readdir(out)).toEqual([]);
  });

  it('stops a bomb whose headers lie about its size', async () => {
    const bomb = new Uint8Array(8 * 1024 * 1024); // 8 MiB of zeros, declared as 100 bytes
    const p = await zipFile([{ name: 'bomb.bin', data: bomb, declaredSize: 100 }]);
    const err = await refusal(extractZip(p, out));
    expect(err.entry).toBe('bomb.bin');
    expect(err.message).toMatch(/too many bytes|cannot extract/);
  });

  it('refuses too many entries and names that are too long or deep', async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }));
    const p = await zipFile(many);
    expect((await refusal(extractZip(p, out, { maxEntries: 5 }))).message).toContain('6 entries, more than the limit of 5');
    expect(unsafeEntryName('a/'.repeat(40) + 'x', ZIP_LIMITS_DEFAULTS)).toContain('folder levels');
    expect(unsafeEntryName('x'.repeat(2000), ZIP_LIMITS_DEFAULTS)).toContain('longer than');
  });

  it('names the archive when the file is not a zip at all', async () => {
    const p = join(base, 'fake.zip');
    await writeFile(p, 'this is not a zip');
    const err = await refusal(extractZip(p, out));
    expect(err.message).toMatch(/^fake\.zip: not a readable zip file/);
  });
});

describe('unsafeUploadPath', () => {
  it.each([
    ['', 'empty'], ['../x', 'traversal'], ['a/../../x', 'traversal'], ['/etc/passwd', 'absolute'], ['C:/x', 'drive letter'],
    ['a\\b', 'backslash'], ['a\u0000b', 'NUL'], ['a//b', 'empty'], ['./a', '"."'], ['x'.repeat(1025), 'longer than'],
  ])('refuses %j', (rel, why) => {
    expect(unsafeUploadPath(rel)).toContain(why);
  });
  it('accepts plain relative paths', () => {
    expect(unsafeUploadPath('lego/train/r_0.png')).toBeNull();
    expect(unsafeUploadPath('photo one (2).JPG')).toBeNull();
  });
});
