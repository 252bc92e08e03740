import { describe, expect, it } from 'vitest';
import { WorkspaceItemSchema, type WorkspaceItem } from '../../shared';
import { cacheBust, itemFilePath, meshPath, previewPath, thumbnailPath } from './item-paths';

const stamp = '2025-01-01T10:00:00.000Z';
const scene = (files: Record<string, string>, thumbnail?: string): WorkspaceItem => WorkspaceItemSchema.parse({
  status: 'ok', kind: 'scene', id: 'scene-1',
  manifest: {
    schemaVersion: 1, id: 'scene-1', name: 'S', createdAt: stamp, updatedAt: stamp, kind: 'scene',
    origin: 'reconstruction', files, ...(thumbnail ? { thumbnail } : {}),
  },
});

describe('item paths', () => {
  it('joins kind folder, id and the relative file', () => {
    expect(itemFilePath('capture', 'cap-1', 'thumb.png')).toBe('captures/cap-1/thumb.png');
    expect(itemFilePath('scene', 's', './mesh/scene.glb')).toBe('scenes/s/mesh/scene.glb');
    expect(itemFilePath('model', 'm', 'a\\b.png')).toBe('models/m/a/b.png');
  });
  it('refuses paths that leave the item folder', () => {
    expect(itemFilePath('scene', 's', '../other/x.glb')).toBeNull();
    expect(itemFilePath('scene', 's', 'a/../../x')).toBeNull();
    expect(itemFilePath('scene', 's', '/etc/passwd')).toBeNull();
    expect(itemFilePath('scene', 's', 'file:///etc/passwd')).toBeNull();
    expect(itemFilePath('scene', 's', '')).toBeNull();
  });
  it('finds thumbnails, previews and meshes of scenes', () => {
    const s = scene({ mesh: 'scene.glb', preview: 'preview.png' });
    expect(thumbnailPath(s)).toBe('scenes/scene-1/preview.png');
    expect(thumbnailPath(scene({ preview: 'p.png' }, 'thumb.png'))).toBe('scenes/scene-1/thumb.png');
    expect(meshPath(s)).toBe('scenes/scene-1/scene.glb');
    expect(previewPath(s)).toBe('scenes/scene-1/preview.png');
    expect(meshPath(scene({}))).toBeNull();
    const damaged: WorkspaceItem = { status: 'damaged', kind: 'scene', id: 'x', reason: 'bad json' };
    expect(thumbnailPath(damaged)).toBeNull();
    expect(meshPath(damaged)).toBeNull();
  });
  it('cache-busts URLs with or without a query and hash', () => {
    expect(cacheBust('/files/a.png', 3)).toBe('/files/a.png?v=3');
    expect(cacheBust('/files/a.png?token=t', 3)).toBe('/files/a.png?token=t&v=3');
    expect(cacheBust('parallax://workspace/a.png#x', 'a b')).toBe('parallax://workspace/a.png?v=a%20b#x');
  });
});
