// Which workspace items the gallery shows and in what order; names, dates and kind labels.
import type { ItemKind, WorkspaceItem } from '../../shared';

export type GalleryFilter = 'all' | 'capture' | 'scene' | 'model';
export const GALLERY_FILTERS: readonly GalleryFilter[] = ['all', 'capture', 'scene', 'model'];
const GALLERY_KINDS: ReadonlySet<ItemKind> = new Set(['capture', 'scene', 'model']);

const KIND_LABELS: Record<ItemKind, string> = { capture: 'Capture', scene: 'Scene', model: 'Model', export: 'Export' };
const FILTER_LABELS: Record<GalleryFilter, string> = { all: 'All', capture: 'Captures', scene: 'Scenes', model: 'Models' };

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
 * kind and a case-insensitive search over name and id, newest first; damaged items last.
 */
export function galleryItems(items: WorkspaceItem[], filter: GalleryFilter, query: string): WorkspaceItem[] {
  const q = query.trim().toLowerCase();
  return items
    .filter((item) => GALLERY_KINDS.has(item.kind))
    .filter((item) => filter === 'all' || item.kind === filter)
    .filter((item) => !q || itemName(item).toLowerCase().includes(q) || item.id.includes(q))
    .sort((a, b) => {
      const da = itemDate(a);
      const db = itemDate(b);
      if (da && db) return db.localeCompare(da) || a.id.localeCompare(b.id);
      if (da) return -1;
      if (db) return 1;
      return a.id.localeCompare(b.id);
    });
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
