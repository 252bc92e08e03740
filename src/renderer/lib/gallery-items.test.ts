import { describe, expect, it } from 'vitest';
import { WorkspaceItemSchema, type WorkspaceItem } from '../../shared';
import { galleryCounts, galleryItems, itemKey, itemName } from './gallery-items';

const capture = (id: string, name: string, createdAt: string): WorkspaceItem => WorkspaceItemSchema.parse({
  status: 'ok', kind: 'capture', id,
  manifest: {
    schemaVersion: 1, id, name, createdAt, updatedAt: createdAt, kind: 'capture',
    format: 'blender', root: 'data', imageCount: 8,
  },
});
const scene = (id: string, createdAt: string): WorkspaceItem => WorkspaceItemSchema.parse({
  status: 'ok', kind: 'scene', id,
  manifest: { schemaVersion: 1, id, name: `Scene ${id}`, createdAt, updatedAt: createdAt, kind: 'scene', origin: 'reconstruction', files: {} },
});
const items: WorkspaceItem[] = [
  capture('lego', 'Lego bulldozer', '2025-01-01T10:00:00.000Z'),
  { status: 'damaged', kind: 'scene', id: 'broken', reason: 'manifest.json: schemaVersion: expected 1' },
  scene('s-1', '2025-01-02T10:00:00.000Z'),
  { status: 'ok', kind: 'export', id: 'e-1', manifest: { schemaVersion: 1, id: 'e-1', name: 'E', createdAt: '2025-01-03T10:00:00.000Z', updatedAt: '2025-01-03T10:00:00.000Z', kind: 'export', format: 'glb', sourceId: 's-1', files: ['a.glb'] } },
  capture('chair', 'Chair', '2025-01-01T12:00:00.000Z'),
];

describe('galleryItems', () => {
  it('lists captures, scenes and models newest first with damaged items last', () => {
    expect(galleryItems(items, 'all', '').map(itemKey)).toEqual(['scene-s-1', 'capture-chair', 'capture-lego', 'scene-broken']);
  });
  it('filters by kind and search text', () => {
    expect(galleryItems(items, 'capture', '').map((i) => i.id)).toEqual(['chair', 'lego']);
    expect(galleryItems(items, 'all', '  LEGO ').map(itemName)).toEqual(['Lego bulldozer']);
    expect(galleryItems(items, 'scene', 'brok').map((i) => i.id)).toEqual(['broken']);
  });
  it('sorts oldest first, by name (natural, case-insensitive) or by kind; damaged items stay last', () => {
    expect(galleryItems(items, 'all', '', 'oldest').map(itemKey)).toEqual(['capture-lego', 'capture-chair', 'scene-s-1', 'scene-broken']);
    expect(galleryItems(items, 'all', '', 'name').map(itemName)).toEqual(['Chair', 'Lego bulldozer', 'Scene s-1', 'broken']);
    expect(galleryItems(items, 'all', '', 'kind').map(itemKey)).toEqual(['capture-chair', 'capture-lego', 'scene-s-1', 'scene-broken']);
    const numbered = [capture('a', 'Take 10', '2025-01-01T10:00:00.000Z'), capture('b', 'take 9', '2025-01-01T10:00:00.000Z')];
    expect(galleryItems(numbered, 'all', '', 'name').map(itemName)).toEqual(['take 9', 'Take 10']);
  });
  it('counts per filter without exports', () => {
    expect(galleryCounts(items)).toEqual({ all: 4, capture: 2, scene: 2, model: 0 });
  });
});
