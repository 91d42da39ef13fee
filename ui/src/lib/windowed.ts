// The arithmetic of windowed lists (components/WindowedRows.svelte): which rows of a long
// list are in the DOM. Pure functions, so they can be tested without a layout engine.

/** Rows rendered above and below the visible ones (and after a focused row). */
export const OVERSCAN = 10;

/** Lists up to this long render every row; longer ones only the rows in view. */
export const SMALL_LIST = 100;

/** Rows rendered before the row height is known (or when it cannot be measured, as in jsdom). */
export const FIRST_WINDOW = 60;

/** Rows `start` (inclusive) to `end` (exclusive) of a list. */
export interface RowRange {
  start: number;
  end: number;
}

const clamp = (value: number, low: number, high: number): number =>
  Math.min(Math.max(value, low), high);

/** The rows rendered before anything is measured: all of a small list, else the first window. */
export function initialRange(count: number): RowRange {
  return { start: 0, end: count <= SMALL_LIST ? count : Math.min(count, FIRST_WINDOW) };
}

/**
 * The rows that intersect the viewport, widened by `overscan` on both sides. `listTop` is
 * where row 0 starts, relative to the top of the viewport (negative once scrolled past);
 * every row is `rowHeight` high. At least one row is always included, so that Tab can
 * enter the list even when it is scrolled out of view.
 */
export function visibleRange(
  count: number,
  rowHeight: number,
  listTop: number,
  viewportHeight: number,
  overscan: number = OVERSCAN,
): RowRange {
  if (count <= 0) return { start: 0, end: 0 };
  if (!(rowHeight > 0)) return initialRange(count);
  const first = Math.floor(-listTop / rowHeight);
  const last = Math.ceil((viewportHeight - listTop) / rowHeight);
  const start = clamp(first - overscan, 0, count - 1);
  const end = clamp(last + overscan, start + 1, count);
  return { start, end };
}

/** The focused row and `overscan` rows on either side of it. */
export function focusRange(focused: number, count: number, overscan: number = OVERSCAN): RowRange {
  return { start: Math.max(0, focused - overscan), end: Math.min(count, focused + 1 + overscan) };
}

/**
 * Widens `range` so that it holds the focused row and `overscan` rows on either side of it
 * (Tab and Shift+Tab then always find the next row in the DOM). A focused row more than
 * `maxGap` rows away from `range` (the user scrolled far away with the mouse) is let go:
 * rendering everything in between would defeat the windowing.
 */
export function withFocus(
  range: RowRange,
  focused: number | null,
  count: number,
  overscan: number = OVERSCAN,
  maxGap: number = Infinity,
): RowRange {
  if (focused === null || focused < 0 || focused >= count) return range;
  const { start, end } = focusRange(focused, count, overscan);
  if (end + maxGap < range.start || start - maxGap > range.end) return range;
  return { start: Math.min(range.start, start), end: Math.max(range.end, end) };
}

/**
 * The height of one row, measured from the rendered rows: the distance from the top of
 * the first to the top of the last divided by the rows in between (this also counts
 * collapsed borders and evens out a pixel here and there), or the height of the only
 * row. 0 when there is nothing to measure (no layout, as in jsdom).
 */
export function rowPitch(
  firstTop: number,
  lastTop: number,
  rows: number,
  firstHeight: number,
): number {
  if (rows >= 2) {
    const pitch = (lastTop - firstTop) / (rows - 1);
    if (pitch > 0) return pitch;
  }
  return firstHeight > 0 ? firstHeight : 0;
}
