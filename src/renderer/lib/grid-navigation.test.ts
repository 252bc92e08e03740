import { describe, expect, it } from 'vitest';
import { columnsFromTops, gridNeighbour, isGridKey } from './grid-navigation';

// A 3-column grid of 8 cards:  0 1 2 / 3 4 5 / 6 7
describe('gridNeighbour', () => {
  it('moves left and right, stopping at the ends', () => {
    expect(gridNeighbour(4, 'ArrowRight', 8, 3)).toBe(5);
    expect(gridNeighbour(5, 'ArrowRight', 8, 3)).toBe(6); // reading order continues on the next row
    expect(gridNeighbour(7, 'ArrowRight', 8, 3)).toBe(7);
    expect(gridNeighbour(0, 'ArrowLeft', 8, 3)).toBe(0);
  });
  it('moves up and down within a column and stays put past the edge', () => {
    expect(gridNeighbour(1, 'ArrowDown', 8, 3)).toBe(4);
    expect(gridNeighbour(4, 'ArrowDown', 8, 3)).toBe(7);
    expect(gridNeighbour(5, 'ArrowDown', 8, 3)).toBe(5); // no card under 5
    expect(gridNeighbour(7, 'ArrowUp', 8, 3)).toBe(4);
    expect(gridNeighbour(2, 'ArrowUp', 8, 3)).toBe(2);
  });
  it('jumps with Home, End, PageUp and PageDown', () => {
    expect(gridNeighbour(5, 'Home', 8, 3)).toBe(0);
    expect(gridNeighbour(1, 'End', 8, 3)).toBe(7);
    expect(gridNeighbour(1, 'PageDown', 8, 3)).toBe(7);
    expect(gridNeighbour(2, 'PageDown', 8, 3)).toBe(5);
    expect(gridNeighbour(7, 'PageUp', 8, 3)).toBe(1);
    expect(gridNeighbour(1, 'PageDown', 20, 2)).toBe(7);
  });
  it('handles one column, an empty grid and out-of-range indices', () => {
    expect(gridNeighbour(0, 'ArrowDown', 3, 1)).toBe(1);
    expect(gridNeighbour(0, 'ArrowDown', 0, 3)).toBe(-1);
    expect(gridNeighbour(42, 'ArrowLeft', 8, 3)).toBe(6);
    expect(gridNeighbour(3, 'ArrowUp', 8, 0)).toBe(2);
  });
});

describe('columnsFromTops and isGridKey', () => {
  it('counts the cards of the first row', () => {
    expect(columnsFromTops([10, 10, 10, 250, 250])).toBe(3);
    expect(columnsFromTops([10, 250])).toBe(1);
    expect(columnsFromTops([])).toBe(1);
  });
  it('knows its keys', () => {
    expect(isGridKey('ArrowUp')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
  });
});
