// Safe extraction of a user-supplied .zip into an empty folder, with yauzl (reads the central
// directory, streams each entry, checks that every entry inflates to exactly its declared size).
//
// 1. Open the archive; refuse more than `maxEntries` central-directory records.
// 2. Read every record first and validate it before a single byte is written: the name (no
//    absolute paths, drive letters, `..`, NUL or control characters, not too long or deep), the
//    type (regular files and folders only: symbolic links, devices, FIFOs are refused), no
//    encryption, a supported compression method, the declared size against `maxFileBytes`, the
//    sum of declared sizes against `maxTotalBytes`, and no duplicate names.
// 3. Extract each file with O_EXCL | O_NOFOLLOW through a byte counter that aborts as soon as a
//    file or the running total passes its limit (yauzl also fails an entry whose data inflates
//    to more or fewer bytes than declared, so the declared sizes can be trusted).
// Every error is a ZipExtractError naming the archive and the entry. macOS metadata
// (`__MACOSX/`, `.DS_Store`) is skipped. On failure the caller removes the destination folder.
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipLimits {
  /** Most central-directory records (files + folders). */
  maxEntries: number;
  /** Largest total of uncompressed bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed size of one file. */
  maxFileBytes: number;
  /** Longest entry name, characters. */
  maxNameLength: number;
  /** Most path segments in one entry name. */
  maxDepth: number;
}

export const ZIP_LIMITS_DEFAULTS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxFileBytes: 1024 ** 3,
  maxNameLength: 1024,
  maxDepth: 32,
};

export class ZipExtractError extends Error {
  constructor(readonly archive: string, readonly entry: string | null, readonly detail: string) {
    super(entry === null ? `${archive}: ${detail}` : `${archive}: entry ${JSON.stringify(entry)}: ${detail}`);
    this.name = 'ZipExtractError';
  }
}

export interface ZipExtractResult {
  /** Relative paths ('/'-separated) of the files written. */
  files: string[];
  totalBytes: number;
  /** Entries deliberately not extracted (macOS metadata). */
  skipped: string[];
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const MSDOS_DIRECTORY = 0x10;
const UNIX_HOSTS = new Set([3, 19]); // Unix, OS X (Darwin)
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** True for macOS resource-fork folders and Finder files that are never part of a capture. */
export function isArchiveJunk(relPath: string): boolean {
  const segments = relPath.split('/').filter(Boolean);
  return segments[0] === '__MACOSX' || segments.some((s) => s === '.DS_Store' || s === 'Thumbs.db' || s.startsWith('._'));
}

/** Why `name` (a '/'-separated entry name) is not a safe relative path, or null when it is. */
export function unsafeEntryName(name: string, limits: Pick<ZipLimits, 'maxNameLength' | 'maxDepth'>): string | null {
  if (name.length === 0) return 'empty name';
  if (name.length > limits.maxNameLength) return `name longer than ${limits.maxNameLength} characters`;
  if (CONTROL_CHARS.test(name)) return 'name contains NUL or control characters';
  if (name.includes('\\')) return 'name contains a backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'absolute path (drive letter)';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'path traversal ("..")';
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." path segment';
  if (segments.length > limits.maxDepth) return `more than ${limits.maxDepth} folder levels`;
  return null;
}

type Kind = 'file' | 'dir';

function entryKind(entry: Entry, name: string): Kind | string {
  const host = entry.versionMadeBy >>> 8;
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const type = mode & S_IFMT;
  // A symlink is refused whatever host wrote it; other Unix types only when the host is Unix.
  if (type === S_IFLNK) return 'symbolic links are not allowed';
  if (UNIX_HOSTS.has(host) && type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
    return `special file (mode ${type.toString(8)}) is not allowed`;
  }
  if (name.endsWith('/') || type === S_IFDIR || (entry.externalFileAttributes & MSDOS_DIRECTORY) !== 0) return 'dir';
  return 'file';
}

interface Planned { entry: Entry; name: string; kind: Kind }

async function planEntries(zip: ZipFile, archive: string, lim: ZipLimits): Promise<{ planned: Planned[]; skipped: string[] }> {
  const fail = (entry: string | null, detail: string): never => { throw new ZipExtractError(archive, entry, detail); };
  if (zip.entryCount > lim.maxEntries) fail(null, `has ${zip.entryCount} entries, more than the limit of ${lim.maxEntries}`);
  const planned: Planned[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  let declared = 0;
  for await (const entry of zip.eachEntry()) {
    const raw = Buffer.isBuffer(entry.fileName) ? entry.fileName : (entry.fileNameRaw ?? Buffer.from(String(entry.fileName)));
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
    const why = unsafeEntryName(name, lim);
    if (why) fail(name, why);
    const kind = entryKind(entry, name);
    if (kind !== 'file' && kind !== 'dir') fail(name, kind);
    if (isArchiveJunk(name)) {
      skipped.push(name);
      continue;
    }
    const clean = name.replace(/\/$/, '');
    const key = clean.toLowerCase(); // case-insensitive file systems would merge these
    if (seen.has(key)) fail(name, 'duplicate entry name');
    seen.add(key);
    if (kind === 'file') {
      if (entry.isEncrypted()) fail(name, 'encrypted entries are not supported');
      if (!entry.canDecodeFileData()) fail(name, `compression method ${entry.compressionMethod} is not supported (stored or deflate only)`);
      if (entry.uncompressedSize > lim.maxFileBytes) {
        fail(name, `uncompressed size ${formatBytes(entry.uncompressedSize)} is above the per-file limit of ${formatBytes(lim.maxFileBytes)}`);
      }
      declared += entry.uncompressedSize;
      if (declared > lim.maxTotalBytes) {
        fail(name, `the archive's uncompressed size passes the limit of ${formatBytes(lim.maxTotalBytes)} here`);
      }
    }
    planned.push({ entry, name: clean, kind: kind as Kind });
  }
  return { planned, skipped };
}

/** Extract `zipPath` into the (existing, empty) folder `destDir` under `limits`. */
export async function extractZip(zipPath: string, destDir: string, limits: Partial<ZipLimits> = {}): Promise<ZipExtractResult> {
  const lim: ZipLimits = { ...ZIP_LIMITS_DEFAULTS, ...limits };
  const archive = basename(zipPath);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new ZipExtractError(archive, null, `not a readable zip file (${(err as Error).message})`);
  }
  zip.on('error', () => undefined); // errors also reach the pending promise
  try {
    let planned: Planned[];
    let skipped: string[];
    try {
      ({ planned, skipped } = await planEntries(zip, archive, lim));
    } catch (err) {
      if (err instanceof ZipExtractError) throw err;
      throw new ZipExtractError(archive, null, `damaged zip file (${(err as Error).message})`);
    }
    const files: string[] = [];
    let total = 0;
    for (const { entry, name, kind } of planned) {
      const target = join(destDir, ...name.split('/'));
      const fail = (detail: string): never => { throw new ZipExtractError(archive, name, detail); };
      if (kind === 'dir') {
        await mkdir(target, { recursive: true }).catch((e: NodeJS.ErrnoException) => fail(`cannot create folder (${e.code ?? e.message})`));
        continue;
      }
      await mkdir(dirname(target), { recursive: true }).catch((e: NodeJS.ErrnoException) => fail(`cannot create its folder (${e.code ?? e.message})`));
      let written = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          written += chunk.length;
          total += chunk.length;
          if (written > lim.maxFileBytes) done(new ZipExtractError(archive, name, `inflates past the per-file limit of ${formatBytes(lim.maxFileBytes)}`));
          else if (total > lim.maxTotalBytes) done(new ZipExtractError(archive, name, `the archive inflates past the limit of ${formatBytes(lim.maxTotalBytes)}`));
          else done(null, chunk);
        },
      });
      const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644)
        .catch((e: NodeJS.ErrnoException) => fail(e.code === 'EEXIST' ? 'duplicate entry name' : `cannot create file (${e.code ?? e.message})`));
      try {
        const stream = await zip.openReadStreamPromise(entry);
        await pipeline(stream, counter, handle.createWriteStream());
      } catch (err) {
        if (err instanceof ZipExtractError) throw err;
        fail(`cannot extract (${(err as Error).message})`);
      } finally {
        await handle.close().catch(() => undefined);
      }
      files.push(name);
    }
    return { files, totalBytes: total, skipped };
  } finally {
    zip.close();
  }
}
