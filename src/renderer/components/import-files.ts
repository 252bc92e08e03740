// What the user dropped or picked, as a flat list of files with relative paths (for web-mode
// uploads) plus the top-level Files (for the desktop app, whose preload gives their real paths).
// Folders are walked with DataTransferItem.webkitGetAsEntry (drop) or come flat with
// webkitRelativePath (<input webkitdirectory>). macOS / Windows metadata files are left out.

export interface PickedFile {
  /** Relative path ('/'-separated): "lego/train/r_0.png", or just the name for a loose file. */
  path: string;
  file: File;
}

export interface Selection {
  files: PickedFile[];
  /** The items as the user chose them (a folder is one item), for desktop paths. */
  top: File[];
  /** Names of the top-level items, for display. */
  names: string[];
}

const JUNK = (name: string) => name === '.DS_Store' || name === 'Thumbs.db' || name.startsWith('._') || name === '__MACOSX';

function isJunkPath(path: string): boolean {
  return path.split('/').some(JUNK);
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries returns at most ~100 entries per call: repeat until an empty batch.
    const more = () => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(all);
      else {
        all.push(...batch);
        more();
      }
    }, reject);
    more();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (JUNK(entry.name)) return;
  if (entry.isFile) out.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
  else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walk(child, path, out);
  }
}

/** Read a drop. Must be called synchronously in the drop handler (items expire afterwards). */
export function selectionFromDrop(dt: DataTransfer): Promise<Selection> {
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  // Capture entries and files now: DataTransfer items are only valid during the event.
  const grabbed = items.map((i) => ({ entry: i.webkitGetAsEntry?.() ?? null, file: i.getAsFile() }));
  const top = grabbed.map((g) => g.file).filter((f): f is File => f !== null);
  const fallback = items.length === 0 ? Array.from(dt.files ?? []) : [];
  return (async () => {
    const files: PickedFile[] = [];
    for (const g of grabbed) {
      if (g.entry) await walk(g.entry, '', files);
      else if (g.file && !JUNK(g.file.name)) files.push({ path: g.file.name, file: g.file });
    }
    for (const f of fallback) if (!JUNK(f.name)) files.push({ path: f.name, file: f });
    const names = grabbed.map((g) => g.entry?.name ?? g.file?.name ?? '').filter(Boolean);
    return { files, top: top.length ? top : fallback, names: names.length ? names : fallback.map((f) => f.name) };
  })();
}

/** Files from <input type=file multiple> or <input webkitdirectory> (paths from webkitRelativePath). */
export function selectionFromInput(list: FileList | null): Selection {
  const all = Array.from(list ?? []);
  const files = all
    .map((file) => ({ path: file.webkitRelativePath || file.name, file }))
    .filter((f) => !isJunkPath(f.path));
  const names = [...new Set(files.map((f) => f.path.split('/')[0]))];
  const fromFolder = all.some((f) => f.webkitRelativePath);
  // A picked folder has no File of its own; its files carry the folder's real path prefix.
  return { files, top: fromFolder ? [] : all, names };
}

export function totalBytes(sel: Selection): number {
  return sel.files.reduce((s, f) => s + f.file.size, 0);
}

/** "lego/ · 104 files · 2.1 MB" */
export function describeSelection(sel: Selection): string {
  const bytes = totalBytes(sel);
  const size = bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  const label = sel.names.length <= 2 ? sel.names.join(', ') : `${sel.names.slice(0, 2).join(', ')} and ${sel.names.length - 2} more`;
  return `${label} · ${sel.files.length} file${sel.files.length === 1 ? '' : 's'} · ${size}`;
}
