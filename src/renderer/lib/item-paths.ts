// Workspace-relative paths of an item's files (thumbnail, preview, mesh), and cache-busting
// for URLs whose content changes under the same name (live job previews).
import { KIND_FOLDERS, type ItemKind, type WorkspaceItem } from '../../shared';

/** `captures/<id>/<rel>` etc.; null when `rel` would leave the item folder. */
export function itemFilePath(kind: ItemKind, id: string, rel: string): string | null {
  const clean = rel.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!clean || clean.startsWith('/') || /^[a-z]+:/i.test(clean)) return null;
  if (clean.split('/').some((segment) => segment === '..')) return null;
  return `${KIND_FOLDERS[kind]}/${id}/${clean}`;
}

/** Thumbnail of a gallery item: the manifest's thumbnail, else a scene's preview render. */
export function thumbnailPath(item: WorkspaceItem): string | null {
  if (item.status !== 'ok') return null;
  const m = item.manifest;
  const rel = m.thumbnail ?? (m.kind === 'scene' ? m.files.preview : undefined);
  return rel ? itemFilePath(item.kind, item.id, rel) : null;
}

/** The GLB of a scene, if it has one. */
export function meshPath(item: WorkspaceItem): string | null {
  if (item.status !== 'ok' || item.manifest.kind !== 'scene' || !item.manifest.files.mesh) return null;
  return itemFilePath('scene', item.id, item.manifest.files.mesh);
}

/** The preview render of a scene, if it has one. */
export function previewPath(item: WorkspaceItem): string | null {
  if (item.status !== 'ok' || item.manifest.kind !== 'scene' || !item.manifest.files.preview) return null;
  return itemFilePath('scene', item.id, item.manifest.files.preview);
}

/** Adds `v=<key>` to a URL that may already carry a query (e.g. a session token) or a hash. */
export function cacheBust(url: string, key: string | number): string {
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}v=${encodeURIComponent(String(key))}${hash}`;
}
