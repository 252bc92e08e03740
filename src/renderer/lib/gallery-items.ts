// Which workspace items the gallery shows and in what order; names, dates and kind labels.
import type { ItemKind, WorkspaceItem } from '../../shared';

export type GalleryFilter = 'all' | 'capture' | 'scene' | 'model';
export const GALLERY_FILTERS: readonly GalleryFilter[] = ['all', 'capture', 'scene', 'model'];
const GALLERY_KINDS: ReadonlySet<ItemKind> = new Set(['capture', 'scene', 'model']);

const KIND_LABELS: Record<ItemKind, string> = { capture: 'Capture', scene: 'Scene', model: 'Model', export: 'Export' };
const FILTER_LABELS: Record<GalleryFilter, string> = { all: 'All', capture: 'Captures', scene: 'Scenes', model: 'Models' };

export type GallerySort = 'newest' | 'oldest' | 'name' | 'kind';
export const GALLERY_SORTS: readonly GallerySort[] = ['newest', 'oldest', 'name', 'kind'];
const SORT_LABELS: Record<GallerySort, string> = { newest: 'Newest first', oldest: 'Oldest first', name: 'Name A–Z', kind: 'Kind' };
const KIND_ORDER: Record<ItemKind, number> = { capture: 0, scene: 1, model: 2, export: 3 };
export const sortLabel = (sort: GallerySort): string => SORT_LABELS[sort];

export const kindLabel = (kind: ItemKind): string => KIND_LABELS[kind];
export const filterLabel = (filter: GalleryFilter): string => FILTER_LABELS[filter];

export function itemName(item: WorkspaceItem): string {
  return item.status === 'ok' ? item.manifest.name : item.id;
}

export function itemDate(item: WorkspaceItem): string | null {
  return item.status === 'ok' ? item.manifest.createdAt : null;
}

/** Stable key for React lists and test ids. */
export const itemKey = (item: Pick<WorkspaceItem, 'kind' | 'id'>): string => `${item.kind}-${item.id}`;

/**
 * Gallery contents: captures, scenes and models (exports live with their scene), filtered by
 * kind and a case-insensitive search over name and id, in the chosen order (default newest
 * first; name and kind orders fall back to newest first); damaged items always last.
 */
export function galleryItems(items: WorkspaceItem[], filter: GalleryFilter, query: string, sort: GallerySort = 'newest'): WorkspaceItem[] {
  const q = query.trim().toLowerCase();
  return items
    .filter((item) => GALLERY_KINDS.has(item.kind))
    .filter((item) => filter === 'all' || item.kind === filter)
    .filter((item) => !q || itemName(item).toLowerCase().includes(q) || item.id.includes(q))
    .sort((a, b) => compareItems(a, b, sort));
}

function compareItems(a: WorkspaceItem, b: WorkspaceItem, sort: GallerySort): number {
  const da = itemDate(a);
  const db = itemDate(b);
  if (!da || !db) {
    if (da) return -1;
    if (db) return 1;
    return a.id.localeCompare(b.id);
  }
  const newest = db.localeCompare(da) || a.id.localeCompare(b.id);
  switch (sort) {
    case 'newest': return newest;
    case 'oldest': return -newest;
    case 'name': return itemName(a).localeCompare(itemName(b), undefined, { sensitivity: 'base', numeric: true }) || newest;
    case 'kind': return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || newest;
  }
}

/** Counts per filter for the filter buttons. */
export function galleryCounts(items: WorkspaceItem[]): Record<GalleryFilter, number> {
  const counts: Record<GalleryFilter, number> = { all: 0, capture: 0, scene: 0, model: 0 };
  for (const item of items) {
    if (!GALLERY_KINDS.has(item.kind)) continue;
    counts.all += 1;
    counts[item.kind as Exclude<GalleryFilter, 'all'>] += 1;
  }
  return counts;
}
