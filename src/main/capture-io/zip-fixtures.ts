// Test fixture (used by *.test.ts and e2e specs only): a minimal zip writer that gives full
// control over each record, so tests can build hostile archives (traversal names, symlink
// entries, sizes that lie) as well as ordinary ones. Stored or deflated entries, no ZIP64.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../engine/checksum';

export interface TestZipEntry {
  /** Entry name exactly as written ('/'-separated; folders end with '/'). */
  name: string;
  data?: Uint8Array | string;
  method?: 'store' | 'deflate';
  /** Unix mode including the type bits (e.g. 0o120777 for a symlink); host is then Unix. */
  unixMode?: number;
  /** Overrides the uncompressed size written in the headers (a lying archive). */
  declaredSize?: number;
}

function dosTime(): { time: number; date: number } {
  return { time: 0, date: (2024 - 1980) << 9 | 1 << 5 | 1 };
}

/** Bytes of a zip archive holding `entries` in order. */
export function buildTestZip(entries: TestZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const { time, date } = dosTime();
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data ?? new Uint8Array(0));
    const deflate = (e.method ?? 'deflate') === 'deflate' && raw.length > 0;
    const body = deflate ? deflateRawSync(raw) : raw;
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const method = deflate ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.unixMode !== undefined ? (3 << 8) | 20 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.unixMode !== undefined ? (e.unixMode << 16) >>> 0 : e.name.endsWith('/') ? 0x10 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The files under `dir` (recursively) as zip entries named `prefix + relative path`. */
export async function zipEntriesOfFolder(dir: string, prefix = ''): Promise<TestZipEntry[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const out: TestZipEntry[] = [];
  const walk = async (rel: string) => {
    for (const d of (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) await walk(r);
      else if (d.isFile()) out.push({ name: prefix + r, data: await readFile(join(dir, r)) });
    }
  };
  await walk('');
  return out;
}
