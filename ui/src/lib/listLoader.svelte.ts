// The loading half of the partnership, organisation and person lists: asks the core for
// the first page of the list that answers the query, keeps the answer (and the query it
// answers) or the error, asks again a moment after the user stops typing, and tells the
// app once when the first answer (or error) is on the page. Only the latest request's
// answer is shown. The people and organisation lists come a page at a time
// (kernel::page): `total` says how many rows the whole list has, and `need` asks for the
// pages after the ones here, in order, until the rows a window shows are in.
import { tick } from 'svelte';
import { normaliseError, type UiError } from './api';
import type { Page } from './bindings/Page';
import { markStartup } from './start';

/** How long typing must pause before the list is asked for again. */
export const SEARCH_DELAY_MS = 150;

export interface ListLoaderOptions<Q, T, C> {
  /** The query as the filters have it now, as the core is to get it. */
  query: () => Q;
  /** Asks the core for a page of the list: the first (`after` null) or the one after. */
  fetch: (query: Q, after: C | null) => Promise<Page<T, C>>;
  /** Once, after the first answer (or error) is on the page. */
  onready?: () => void;
  /** After each new list (a first page) is taken in. */
  onshow?: () => void;
  /** Marks the start-up steps until the first answer (the list the app opens with). */
  marksStartup?: boolean;
}

/** A list that comes whole, as one page. */
export function wholeList<T>(rows: T[]): Page<T, never> {
  return { rows, total: rows.length, next: null };
}

export class ListLoader<Q, T, C = never> {
  /** The rows here so far: the first pages of the list, in its order. */
  items = $state.raw<T[]>([]);
  /** How many rows the whole list has; `items` may hold fewer. */
  total = $state(0);
  /** True once the first answer or error is in. */
  loaded = $state(false);
  error = $state<UiError | null>(null);
  /** The query the shown items answer (the typed text may be newer). */
  shownQuery: Q;
  /** Counts the lists shown: a new query's first page, not the pages after it. */
  generation = $state(0);

  private readonly options: ListLoaderOptions<Q, T, C>;
  private requestSeq = 0;
  private readySent = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the next page starts; null after the last. */
  private next: C | null = null;
  /** The page being asked for, if one is. */
  private pending: Promise<boolean> | null = null;

  constructor(options: ListLoaderOptions<Q, T, C>) {
    this.options = options;
    this.shownQuery = $state(options.query());
  }

  /** Shows `initial` when given (the list the shell put into the page), else asks the core. */
  start(initial: T[] | null = null): void {
    if (initial) {
      this.show(wholeList(initial), this.options.query());
      void this.shown();
    } else {
      void this.load();
    }
  }

  /** Asks the core for the list now, from its first page. */
  async load(): Promise<void> {
    clearTimeout(this.searchTimer);
    const seq = ++this.requestSeq;
    this.pending = null;
    const asked = this.options.query();
    try {
      this.markStartup('list-asked');
      const result = await this.options.fetch(asked, null);
      this.markStartup('list-received');
      if (seq !== this.requestSeq) return;
      this.show(result, asked);
    } catch (err) {
      if (seq !== this.requestSeq) return;
      this.error = normaliseError(err);
    }
    await this.shown();
  }

  /**
   * Asks for the pages after the ones here, one after another, until at least `count`
   * rows are here, the list has no more, or a new list replaced this one.
   */
  async need(count: number): Promise<void> {
    while (this.items.length < count && this.next !== null && this.error === null) {
      if (!(await this.more())) return;
    }
  }

  /** Asks again once the user has stopped typing for a moment. */
  loadSoon(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), SEARCH_DELAY_MS);
  }

  /** Forgets a pending search (when the list goes away). */
  stop(): void {
    clearTimeout(this.searchTimer);
  }

  /** The count line's text: empty until there is an answer, and after an error. */
  countText(text: (count: number) => string): string {
    return !this.loaded || this.error ? '' : text(this.total);
  }

  /** The next page (the one being asked for, if it is); false when it is not taken in. */
  private more(): Promise<boolean> {
    if (this.pending) return this.pending;
    // Cleared only if it is still the page asked for: a page of a list that a new search
    // replaced may arrive after the new list has asked for its own next page.
    const asked: Promise<boolean> = this.fetchNext().finally(() => {
      if (this.pending === asked) this.pending = null;
    });
    this.pending = asked;
    return asked;
  }

  private async fetchNext(): Promise<boolean> {
    const seq = this.requestSeq;
    const after = this.next;
    if (after === null) return false;
    try {
      const page = await this.options.fetch(this.shownQuery, after);
      if (seq !== this.requestSeq) return false;
      this.items = [...this.items, ...page.rows];
      this.total = page.total;
      this.next = page.next;
      return true;
    } catch (err) {
      if (seq === this.requestSeq) this.error = normaliseError(err);
      return false;
    }
  }

  /** Notes a start-up step, until the first answer is on the page. */
  private markStartup(step: string): void {
    if (this.options.marksStartup && !this.readySent) markStartup(step);
  }

  private show(page: Page<T, C>, asked: Q): void {
    this.items = page.rows;
    this.total = page.total;
    this.next = page.next;
    this.shownQuery = asked;
    this.error = null;
    this.generation += 1;
    this.options.onshow?.();
  }

  /** After the first answer (or error) is on the page, tells the app once. */
  private async shown(): Promise<void> {
    this.loaded = true;
    if (!this.readySent) {
      this.readySent = true;
      await tick();
      this.options.onready?.();
    }
  }
}
