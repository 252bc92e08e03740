// Gallery header: title, kind filter (a radio group of buttons) and a search field.
import { filterLabel, GALLERY_FILTERS } from '../lib';
import type { GalleryFilter } from '../lib';

interface GalleryToolbarProps {
  filter: GalleryFilter;
  onFilter(filter: GalleryFilter): void;
  counts: Record<GalleryFilter, number>;
  query: string;
  onQuery(query: string): void;
}

export function GalleryToolbar({ filter, onFilter, counts, query, onQuery }: GalleryToolbarProps) {
  return (
    <div className="gallery-toolbar">
      <h1 id="gallery-title" className="screen-title">Gallery</h1>
      <div className="segmented" role="group" aria-label="Show">
        {GALLERY_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className="segment"
            aria-pressed={filter === f}
            onClick={() => onFilter(f)}
            data-testid={`filter-${f}`}
          >
            {filterLabel(f)} <span className="count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <input
        type="search"
        className="input search"
        placeholder="Search by name"
        aria-label="Search the gallery by name"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        data-testid="gallery-search"
      />
    </div>
  );
}
