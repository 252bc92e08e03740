// Keyboard movement in a wrapping card grid (the gallery): which card index a key moves focus
// to. Pure, so the rules are unit-tested without a DOM; the gallery measures `columns` from the
// laid-out cards because the grid's column count follows the window width.

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

const GRID_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export function isGridKey(key: string): key is GridKey {
  return GRID_KEYS.has(key);
}

/**
 * The index focus moves to from `index` in a grid of `count` cards laid out `columns` per row;
 * moves stop at the edges (no wrap-around), Up/Down keep the column, PageUp/PageDown jump three
 * rows. Returns `index` itself when the key cannot move.
 */
export function gridNeighbour(index: number, key: GridKey, count: number, columns: number): number {
  if (count <= 0) return -1;
  const cols = Math.max(1, Math.floor(columns));
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  const from = clamp(index);
  switch (key) {
    case 'ArrowLeft': return clamp(from - 1);
    case 'ArrowRight': return clamp(from + 1);
    case 'ArrowUp': return from - cols >= 0 ? from - cols : from;
    case 'ArrowDown': return from + cols < count ? from + cols : from;
    case 'PageUp': return from % cols + Math.max(0, Math.floor(from / cols) - 3) * cols;
    case 'PageDown': {
      const target = from + 3 * cols;
      if (target < count) return target;
      const lastRowSameColumn = from + Math.floor((count - 1 - from) / cols) * cols;
      return lastRowSameColumn;
    }
    case 'Home': return 0;
    case 'End': return count - 1;
  }
}

/** Cards per row from the cards' top edges (the first row's cards share the first top). */
export function columnsFromTops(tops: readonly number[]): number {
  if (tops.length === 0) return 1;
  let n = 1;
  while (n < tops.length && Math.abs(tops[n] - tops[0]) < 1) n++;
  return n;
}
