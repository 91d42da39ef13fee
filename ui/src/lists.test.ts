// The long lists (issue #7): only the rows in view are in the DOM, and (issue #19) only
// the pages of rows up to them have been asked for. jsdom has no layout, so these tests
// stand in for it: the first row starts LIST_TOP px down the page, every row is ROW px
// high and the window is VIEWPORT px high.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import {
  installBackend,
  organisation,
  person,
  personSummary,
  type FakeBackend,
} from './test/fakeBackend';
import { pageOf } from './test/fakeCore';
import type { Cursor } from './lib/bindings/Cursor';
import type { PageRequest } from './lib/bindings/PageRequest';
import type { PersonQuery } from './lib/bindings/PersonQuery';
import { LIST_PAGE } from './lib/api';
import { FIRST_WINDOW, OVERSCAN } from './lib/windowed';

const ROW = 37;
const LIST_TOP = 400;
const HEADER = 60;
const VIEWPORT = 760;

let pageScroll = 0;

function box(top: number, height: number): DOMRect {
  return {
    x: 0,
    y: top,
    top,
    left: 0,
    width: 800,
    height,
    right: 800,
    bottom: top + height,
    toJSON: () => ({}),
  };
}

/** Layout as a browser would do it for the table of a long list. */
function stubLayout(): void {
  pageScroll = 0;
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(VIEWPORT);
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const listTop = LIST_TOP - pageScroll;
    if (this.tagName === 'TBODY') return box(listTop, 0);
    if (this.tagName === 'TABLE') return box(listTop - HEADER, 0);
    const rowIndex = Number(this.getAttribute('aria-rowindex'));
    if (this.tagName === 'TR' && rowIndex >= 2) return box(listTop + (rowIndex - 2) * ROW, ROW);
    return box(0, 0);
  });
  vi.spyOn(window, 'scrollBy').mockImplementation(((_x: number, y: number) => {
    scrollTo(pageScroll + y);
  }) as typeof window.scrollBy);
}

/** Scrolls the page so that `y` px of it are above the window. */
function scrollTo(y: number): void {
  pageScroll = y;
  window.dispatchEvent(new Event('scroll'));
}

/** Scrolls so that the row at `index` (0-based) is the first one in the window. */
function scrollToRow(index: number): void {
  scrollTo(LIST_TOP + index * ROW);
}

const people = Array.from({ length: 5000 }, (_, i) =>
  person({ id: i + 1, name: `Person ${String(i + 1).padStart(4, '0')}` }),
);

async function startApp() {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

async function openList(user: ReturnType<typeof userEvent.setup>, section: string, table: string) {
  await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: section }));
  return screen.findByRole('table', { name: table });
}

/** What the core answers, a page at a time: "person 1" finds Person 1000 to Person 1999. */
function peopleAnswer({ query, ...request }: PageRequest<PersonQuery, Cursor<number>>) {
  const found = query.search === 'person 1' ? people.slice(999, 1999) : people;
  return pageOf(found.map(personSummary), request);
}

async function showPeople() {
  const backend = installBackend([], { list_people: peopleAnswer }, { people });
  const user = await startApp();
  const table = await openList(user, 'Personer', 'Personer i registret');
  return { user, table, backend };
}

/** The pages of people asked for so far: the id of the row each started after, or null. */
function pagesAsked(backend: FakeBackend): (number | null)[] {
  return backend.calls
    .filter((c) => c.cmd === 'list_people')
    .map((c) => {
      const request = c.args?.input as PageRequest<PersonQuery, Cursor<number>>;
      expect(request.limit).toBe(LIST_PAGE);
      return request.after?.id ?? null;
    });
}

/** The data rows in the DOM (not the header, not the hidden spacers). */
function dataRows(table: HTMLElement): HTMLElement[] {
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1');
}

function rowIndexes(table: HTMLElement): number[] {
  return dataRows(table).map((row) => Number(row.getAttribute('aria-rowindex')));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('long lists', () => {
  it('render only the rows in view of 5,000 people', async () => {
    stubLayout();
    const { table } = await showPeople();

    expect(table).toHaveAttribute('aria-rowcount', '5001');
    expect(within(table).getAllByRole('row')[0]).toHaveAttribute('aria-rowindex', '1');
    expect(screen.getByText('5000 personer')).toHaveAttribute('role', 'status');
    // Rows 0–9 reach into the 760 px window (the list starts 400 px down), plus the overscan.
    await waitFor(() => expect(rowIndexes(table)).toEqual(range(2, 2 + 10 + OVERSCAN - 1)));
    expect(within(table).getByRole('button', { name: 'Person 0001' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Visa fler' })).not.toBeInTheDocument();
    // The spacer below stands in for the other rows.
    const spacers = table.querySelectorAll<HTMLElement>('.windowed-spacer');
    expect(spacers).toHaveLength(2);
    expect(spacers[0].style.getPropertyValue('--windowed-height')).toBe('0px');
    expect(spacers[1].style.getPropertyValue('--windowed-height')).toBe(`${(5000 - 20) * ROW}px`);
  });

  it('render the rows around the middle when scrolled there', async () => {
    stubLayout();
    const { table } = await showPeople();
    await waitFor(() => expect(dataRows(table)).toHaveLength(20));

    scrollToRow(2500);
    // Rows 2500–2520 are in the window, 10 more on either side.
    await waitFor(() => expect(rowIndexes(table)).toEqual(range(2492, 2532)));
    expect(within(table).getByRole('button', { name: 'Person 2501' })).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Person 0001' })).not.toBeInTheDocument();
    expect(table).toHaveAttribute('aria-rowcount', '5001');
    const spacers = table.querySelectorAll<HTMLElement>('.windowed-spacer');
    expect(spacers[0].style.getPropertyValue('--windowed-height')).toBe(`${2490 * ROW}px`);
    expect(spacers[1].style.getPropertyValue('--windowed-height')).toBe(`${(5000 - 2531) * ROW}px`);
  });

  it('grow the window when focus reaches its last row', async () => {
    stubLayout();
    const { table } = await showPeople();
    await waitFor(() => expect(dataRows(table)).toHaveLength(20));

    within(table).getByRole('button', { name: 'Person 0020' }).focus();
    await waitFor(() => expect(rowIndexes(table)).toEqual(range(2, 31)));
  });

  it('let Tab walk on past the last rendered row when nothing can be measured', async () => {
    const { user, table } = await showPeople();
    expect(dataRows(table)).toHaveLength(FIRST_WINDOW);

    within(table).getByRole('button', { name: 'Person 0060' }).focus();
    await user.tab();
    expect(within(table).getByRole('button', { name: 'Person 0061' })).toHaveFocus();
    await user.tab();
    expect(within(table).getByRole('button', { name: 'Person 0062' })).toHaveFocus();
    expect(rowIndexes(table)).toEqual(range(2, 2 + 62 + OVERSCAN - 1));
  });

  it('start Tab at the first row when the list is scrolled down', async () => {
    stubLayout();
    const { user, table } = await showPeople();
    screen.getByRole('button', { name: 'Exportera till CSV' }).focus();
    scrollToRow(2500);
    await waitFor(() => expect(rowIndexes(table)[0]).toBe(2492));

    await user.tab();
    await waitFor(() =>
      expect(within(table).getByRole('button', { name: 'Person 0001' })).toHaveFocus(),
    );
    expect(rowIndexes(table)[0]).toBe(2);
  });

  it('start again from the top when a search narrows the list', async () => {
    stubLayout();
    const { user, table } = await showPeople();
    scrollToRow(2500);
    await waitFor(() => expect(rowIndexes(table)[0]).toBe(2492));

    await user.type(screen.getByLabelText('Sök på namn, titel eller e-post'), 'person 1');
    await waitFor(() => expect(table).toHaveAttribute('aria-rowcount', '1001'));
    expect(screen.getByText('1000 personer')).toHaveAttribute('role', 'status');
    // Scrolled back so that the table starts at the top of the window: its header takes
    // 60 px, rows 0–18 are in view.
    expect(window.scrollBy).toHaveBeenCalledTimes(1);
    expect(pageScroll).toBe(LIST_TOP - HEADER);
    await waitFor(() => expect(rowIndexes(table)).toEqual(range(2, 2 + 19 + OVERSCAN - 1)));
    expect(within(table).getByRole('button', { name: 'Person 1000' })).toBeInTheDocument();
  });

  it('window the organisation list too', async () => {
    const organisations = Array.from({ length: 320 }, (_, i) =>
      organisation({ id: i + 1, name: `Organisation ${String(i + 1).padStart(3, '0')}` }),
    );
    installBackend([], {}, { organisations });
    const user = await startApp();
    const table = await openList(user, 'Organisationer', 'Organisationer i registret');
    expect(table).toHaveAttribute('aria-rowcount', '321');
    expect(rowIndexes(table)).toEqual(range(2, FIRST_WINDOW + 1));
    const first = dataRows(table)[0];
    expect(within(first).getByRole('button', { name: 'Organisation 001' })).toBeInTheDocument();
    expect(within(first).getByRole('cell', { name: 'Västerbottens län' })).toHaveAttribute(
      'title',
      'Västerbottens län',
    );
  });
});

describe('long lists that come a page at a time', () => {
  it('ask for the first page only, then for the next as the rows in view reach it', async () => {
    stubLayout();
    const { table, backend } = await showPeople();
    await waitFor(() => expect(dataRows(table)).toHaveLength(20));
    expect(table).toHaveAttribute('aria-rowcount', '5001');
    expect(pagesAsked(backend)).toEqual([null]);

    // Rows 150–170 in view, 10 more on either side: all on the first page.
    scrollToRow(150);
    await waitFor(() => expect(rowIndexes(table)[0]).toBe(142));
    expect(pagesAsked(backend)).toEqual([null]);

    // Rows 195–215: the second page (rows 200–399) is asked for, once.
    scrollToRow(195);
    await waitFor(() =>
      expect(within(table).getByRole('button', { name: 'Person 0225' })).toBeInTheDocument(),
    );
    expect(rowIndexes(table)).toEqual(range(187, 227));
    expect(pagesAsked(backend)).toEqual([null, LIST_PAGE]);
  });

  it('ask for every page up to the end, in order, when End takes the window to the bottom', async () => {
    stubLayout();
    const { table, backend } = await showPeople();
    await waitFor(() => expect(dataRows(table)).toHaveLength(20));

    // End (or the scrollbar dragged to the bottom) scrolls the window to the list's end.
    scrollTo(LIST_TOP + 5000 * ROW - VIEWPORT);
    await waitFor(() =>
      expect(within(table).getByRole('button', { name: 'Person 5000' })).toBeInTheDocument(),
    );
    const pages = 5000 / LIST_PAGE;
    expect(pagesAsked(backend)).toEqual(range(0, pages - 1).map((i) => i * LIST_PAGE || null));
    expect(rowIndexes(table).at(-1)).toBe(5001);
    const spacers = table.querySelectorAll<HTMLElement>('.windowed-spacer');
    expect(spacers[1].style.getPropertyValue('--windowed-height')).toBe('0px');
  });

  it('show the new list only when a search is typed while pages are coming', async () => {
    stubLayout();
    const { user, table } = await showPeople();
    await waitFor(() => expect(dataRows(table)).toHaveLength(20));
    scrollToRow(2500);
    await user.type(screen.getByLabelText('Sök på namn, titel eller e-post'), 'person 1');
    await waitFor(() => expect(table).toHaveAttribute('aria-rowcount', '1001'));
    await waitFor(() =>
      expect(within(table).getByRole('button', { name: 'Person 1000' })).toBeInTheDocument(),
    );
    expect(within(table).queryByRole('button', { name: 'Person 2501' })).not.toBeInTheDocument();
  });
});
