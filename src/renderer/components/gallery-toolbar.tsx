// Gallery header: title, kind filter (a radio group of buttons), sort order and a search field.
import { filterLabel, GALLERY_FILTERS, GALLERY_SORTS, sortLabel } from '../lib';
import type { GalleryFilter, GallerySort } from '../lib';

interface GalleryToolbarProps {
  filter: GalleryFilter;
  onFilter(filter: GalleryFilter): void;
  counts: Record<GalleryFilter, number>;
  query: string;
  onQuery(query: string): void;
  sort: GallerySort;
  onSort(sort: GallerySort): void;
}

export function GalleryToolbar({ filter, onFilter, counts, query, onQuery, sort, onSort }: GalleryToolbarProps) {
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
      <select
        className="input sort"
        value={sort}
        onChange={(e) => onSort(e.target.value as GallerySort)}
        aria-label="Sort the gallery"
        data-testid="gallery-sort"
      >
        {GALLERY_SORTS.map((s) => <option key={s} value={s}>{sortLabel(s)}</option>)}
      </select>
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
