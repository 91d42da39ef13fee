// The loading half of the partnership, organisation and person lists: asks the core for
// the list that answers the query, keeps the answer (and the query it answers) or the
// error, asks again a moment after the user stops typing, and tells the app once when the
// first answer (or error) is on the page. Only the latest request's answer is shown.
import { tick } from 'svelte';
import { normaliseError, type UiError } from './api';
import { markStartup } from './start';

/** How long typing must pause before the list is asked for again. */
export const SEARCH_DELAY_MS = 150;

export interface ListLoaderOptions<Q, T> {
  /** The query as the filters have it now, as the core is to get it. */
  query: () => Q;
  /** Asks the core for the list. */
  fetch: (query: Q) => Promise<T[]>;
  /** Once, after the first answer (or error) is on the page. */
  onready?: () => void;
  /** After each answer is taken in. */
  onshow?: () => void;
  /** Marks the start-up steps until the first answer (the list the app opens with). */
  marksStartup?: boolean;
}

export class ListLoader<Q, T> {
  items = $state<T[]>([]);
  /** True once the first answer or error is in. */
  loaded = $state(false);
  error = $state<UiError | null>(null);
  /** The query the shown items answer (the typed text may be newer). */
  shownQuery: Q;

  private readonly options: ListLoaderOptions<Q, T>;
  private requestSeq = 0;
  private readySent = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ListLoaderOptions<Q, T>) {
    this.options = options;
    this.shownQuery = $state(options.query());
  }

  /** Shows `initial` when given (the list the shell put into the page), else asks the core. */
  start(initial: T[] | null = null): void {
    if (initial) {
      this.show(initial, this.options.query());
      void this.shown();
    } else {
      void this.load();
    }
  }

  /** Asks the core for the list now. */
  async load(): Promise<void> {
    clearTimeout(this.searchTimer);
    const seq = ++this.requestSeq;
    const asked = this.options.query();
    try {
      this.markStartup('list-asked');
      const result = await this.options.fetch(asked);
      this.markStartup('list-received');
      if (seq !== this.requestSeq) return;
      this.show(result, asked);
    } catch (err) {
      if (seq !== this.requestSeq) return;
      this.error = normaliseError(err);
    }
    await this.shown();
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
    return !this.loaded || this.error ? '' : text(this.items.length);
  }

  /** Notes a start-up step, until the first answer is on the page. */
  private markStartup(step: string): void {
    if (this.options.marksStartup && !this.readySent) markStartup(step);
  }

  private show(items: T[], asked: Q): void {
    this.items = items;
    this.shownQuery = asked;
    this.error = null;
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
