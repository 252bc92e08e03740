// The gallery: captures, scenes and models as a grid of cards, with a kind filter, sort order,
// search, inline rename, keyboard movement between cards, an empty state that offers the
// sample capture and the default model, and a visible error when listing fails.
import { useMemo, useRef, useState } from 'react';
import type React from 'react';
import type { WorkspaceItem } from '../../shared';
import { columnsFromTops, galleryCounts, galleryItems, gridNeighbour, isGridKey, itemKey } from '../lib';
import type { GalleryFilter, GallerySort, UiError } from '../lib';
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
  onGenerate?(item: WorkspaceItem): void;
  onEstimatePoses?(item: WorkspaceItem): void;
  onRename?(item: WorkspaceItem, name: string): Promise<boolean>;
  onExport?(item: WorkspaceItem): void;
  onSaveFile?(item: WorkspaceItem, file: string): void;
}

export function Gallery(props: GalleryProps) {
  const { items, error } = props;
  const [filter, setFilter] = useState<GalleryFilter>('all');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<GallerySort>('newest');
  const counts = useMemo(() => galleryCounts(items ?? []), [items]);
  const visible = useMemo(() => galleryItems(items ?? [], filter, query, sort), [items, filter, query, sort]);
  const empty = items !== null && counts.all === 0;
  // Roving tab stop: Tab enters the grid on one card; arrow keys move between cards.
  const [active, setActive] = useState(0);
  const grid = useRef<HTMLUListElement>(null);
  const onGridKey = (e: React.KeyboardEvent<HTMLUListElement>) => {
    const cards = [...(grid.current?.querySelectorAll<HTMLElement>('[data-testid="item-card"]') ?? [])];
    const from = cards.indexOf(e.target as HTMLElement);
    if (from < 0 || !isGridKey(e.key)) return;
    e.preventDefault();
    const to = gridNeighbour(from, e.key, cards.length, columnsFromTops(cards.map((c) => c.getBoundingClientRect().top)));
    setActive(to);
    cards[to]?.focus();
  };
  const exportsBySource = useMemo(() => {
    const map = new Map<string, WorkspaceItem[]>();
    for (const i of items ?? []) if (i.status === 'ok' && i.manifest.kind === 'export') map.set(i.manifest.sourceId, [...(map.get(i.manifest.sourceId) ?? []), i]);
    return map;
  }, [items]);

  return (
    <section className="gallery" aria-labelledby="gallery-title" data-testid="gallery">
      <GalleryToolbar filter={filter} onFilter={setFilter} counts={counts} query={query} onQuery={setQuery} sort={sort} onSort={setSort} />
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
          <ul className="card-grid" aria-label="Workspace items. Arrow keys move between cards; Enter opens; Delete moves to the trash." ref={grid} onKeyDown={onGridKey}>
            {visible.map((item, index) => (
              <li key={itemKey(item)}>
                <ItemCard
                  item={item}
                  tabIndex={index === Math.min(active, visible.length - 1) ? 0 : -1}
                  onFocusCard={() => setActive(index)}
                  onReconstruct={props.onReconstruct}
                  onOpenScene={props.onOpenScene}
                  onDelete={props.onDelete}
                  onCameras={props.onCameras}
                  onGenerate={props.onGenerate}
                  onEstimatePoses={props.onEstimatePoses}
                  onRename={props.onRename}
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
