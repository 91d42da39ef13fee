import { describe, expect, it } from 'vitest';
import {
  FIRST_WINDOW,
  OVERSCAN,
  SMALL_LIST,
  initialRange,
  rowPitch,
  visibleRange,
  withFocus,
} from './windowed';

describe('windowed lists', () => {
  it('render all of a small list and the first window of a long one', () => {
    expect(initialRange(0)).toEqual({ start: 0, end: 0 });
    expect(initialRange(SMALL_LIST)).toEqual({ start: 0, end: SMALL_LIST });
    expect(initialRange(5000)).toEqual({ start: 0, end: FIRST_WINDOW });
  });

  it('render the rows in view and the overscan around them', () => {
    // The list starts 400 px down a 760 px window: rows 0–9 are (partly) in view.
    expect(visibleRange(5000, 37, 400, 760)).toEqual({ start: 0, end: 10 + OVERSCAN });
    // Scrolled so that row 2500 is at the top of the window.
    expect(visibleRange(5000, 37, -2500 * 37, 760)).toEqual({
      start: 2500 - OVERSCAN,
      end: 2521 + OVERSCAN,
    });
    // At the end of the list.
    expect(visibleRange(5000, 37, -4990 * 37, 760)).toEqual({ start: 4980, end: 5000 });
  });

  it('keep at least one row when the list is out of view, so Tab can enter it', () => {
    expect(visibleRange(5000, 37, 5000, 760)).toEqual({ start: 0, end: 1 });
    expect(visibleRange(5000, 37, -10_000_000, 760)).toEqual({ start: 4999, end: 5000 });
  });

  it('fall back to the first window when rows have no height', () => {
    expect(visibleRange(5000, 0, 0, 0)).toEqual({ start: 0, end: FIRST_WINDOW });
  });

  it('hold the focused row and the rows around it', () => {
    expect(withFocus({ start: 0, end: 20 }, 19, 5000)).toEqual({ start: 0, end: 30 });
    expect(withFocus({ start: 100, end: 140 }, 100, 5000)).toEqual({ start: 90, end: 140 });
    expect(withFocus({ start: 4980, end: 5000 }, 4999, 5000)).toEqual({ start: 4980, end: 5000 });
    expect(withFocus({ start: 0, end: 20 }, null, 5000)).toEqual({ start: 0, end: 20 });
    // Scrolled far away from the focused row: it is let go.
    expect(withFocus({ start: 2000, end: 2040 }, 19, 5000, OVERSCAN, 40)).toEqual({
      start: 2000,
      end: 2040,
    });
  });

  it('measure the row height from the rendered rows', () => {
    expect(rowPitch(400, 400 + 59 * 37, 60, 36)).toBe(37);
    expect(rowPitch(400, 400, 1, 36)).toBe(36);
    expect(rowPitch(0, 0, 60, 0)).toBe(0);
  });
});
