// The gallery: captures, scenes and models as a grid of cards, with a kind filter and search,
// an empty state that offers the sample capture, and a visible error when listing fails.
import { useMemo, useState } from 'react';
import type { WorkspaceItem } from '../../shared';
import { galleryCounts, galleryItems, itemKey } from '../lib';
import type { GalleryFilter, UiError } from '../lib';
import { EmptyState } from './empty-state';
import { GalleryToolbar } from './gallery-toolbar';
import { ItemCard } from './item-card';

interface GalleryProps {
  items: WorkspaceItem[] | null;
  error: UiError | null;
  importingSample: boolean;
  onImportSample(): void;
  onImportFolder(): void;
  addingModel: boolean;
  onAddDefaultModel(): void;
  onReconstruct(item: WorkspaceItem): void;
  onOpenScene(id: string): void;
  onDelete(item: WorkspaceItem): void;
  onCameras?(item: WorkspaceItem): void;
  onExport?(item: WorkspaceItem): void;
  onSaveFile?(item: WorkspaceItem, file: string): void;
}

export function Gallery(props: GalleryProps) {
  const { items, error } = props;
  const [filter, setFilter] = useState<GalleryFilter>('all');
  const [query, setQuery] = useState('');
  const counts = useMemo(() => galleryCounts(items ?? []), [items]);
  const visible = useMemo(() => galleryItems(items ?? [], filter, query), [items, filter, query]);
  const empty = items !== null && counts.all === 0;
  const exportsBySource = useMemo(() => {
    const map = new Map<string, WorkspaceItem[]>();
    for (const i of items ?? []) if (i.status === 'ok' && i.manifest.kind === 'export') map.set(i.manifest.sourceId, [...(map.get(i.manifest.sourceId) ?? []), i]);
    return map;
  }, [items]);

  return (
    <section className="gallery" aria-labelledby="gallery-title" data-testid="gallery">
      <GalleryToolbar filter={filter} onFilter={setFilter} counts={counts} query={query} onQuery={setQuery} />
      {error && (
        <p className="banner error" role="alert" data-testid="gallery-error">
          Could not list the workspace: {error.message}
        </p>
      )}
      <div className="gallery-scroll">
        {items === null && !error ? (
          <p className="gallery-loading" aria-busy="true">Loading the workspace…</p>
        ) : empty ? (
          <EmptyState
            importing={props.importingSample}
            onImportSample={props.onImportSample}
            onImportFolder={props.onImportFolder}
            addingModel={props.addingModel}
            onAddDefaultModel={props.onAddDefaultModel}
          />
        ) : visible.length === 0 ? (
          <p className="gallery-no-match" data-testid="gallery-no-match">
            Nothing matches{query.trim() ? ` “${query.trim()}”` : ''} in this view.
          </p>
        ) : (
          <ul className="card-grid" aria-label="Workspace items">
            {visible.map((item) => (
              <li key={itemKey(item)}>
                <ItemCard
                  item={item}
                  onReconstruct={props.onReconstruct}
                  onOpenScene={props.onOpenScene}
                  onDelete={props.onDelete}
                  onCameras={props.onCameras}
                  onExport={props.onExport}
                  onSaveFile={props.onSaveFile}
                  exports={item.kind === 'scene' ? exportsBySource.get(item.id) : undefined}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
