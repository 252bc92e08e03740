// Options for the desktop save dialog (pure, unit-tested without Electron): the suggested file in
// the user's downloads folder and a filter for the file's type, plus "All files".

export interface SaveDialogOptionsLike {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

const TYPES: Record<string, string> = {
  glb: 'glTF binary', ply: 'PLY', png: 'PNG image', plxm: 'Parallax model', bin: 'Binary data', json: 'JSON',
};

export function saveDialogOptions(suggestedName: string, downloadsDir: string): SaveDialogOptionsLike {
  const name = suggestedName.replace(/[/\\]/g, '_') || 'export';
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const filters = ext ? [{ name: TYPES[ext] ?? ext.toUpperCase(), extensions: [ext] }] : [];
  filters.push({ name: 'All files', extensions: ['*'] });
  const sep = downloadsDir.includes('\\') && !downloadsDir.includes('/') ? '\\' : '/';
  return {
    title: `Save ${name}`,
    defaultPath: `${downloadsDir.replace(/[/\\]+$/, '')}${sep}${name}`,
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
