// Debounced, serialised autosave of one part of a record (e.g. a meeting's own fields), that
// never keeps a change unsent for long and never drops one.
//
// - `changed()` marks the part dirty and saves `delay` ms after the last change (the debounce,
//   restarted by every change), but at the latest `maxWait` ms after the first unsent change
//   (not restarted): typing without a pause is still saved every `maxWait` ms;
// - `flush()` saves at once (on blur, when leaving the page, when the window hides);
// - `settle()` also waits for a save in flight (before a PDF of the saved record); it resolves
//   after one failed try too, so that nothing waits for a disk that stays broken;
// - never two saves of the same part at once: a change during a save is sent, with the
//   latest state, as soon as the save returns;
// - a save that failed for a reason a later try may not have (`RETRY_CODES`: the storage, a
//   full disk, an internal or transport failure; none about a field) stays unsaved and is tried
//   again with the latest state after 1 s, 2 s, 4 s, 8 s, then every 10 s (or sooner, when
//   something changes or is flushed) until it succeeds; meanwhile `retrying` is true and
//   `error` is null (the page says "not saved, retrying", not a field's message);
// - a save the core refused (any other code: a field's value, a conflict, a record that is
//   gone) keeps what was typed and its `error`, and waits for the next change.
import { normaliseError, type UiError, type UiErrorCode } from './api';

export const AUTOSAVE_DELAY_MS = 700;
/** The longest a change waits while the user keeps typing. */
export const AUTOSAVE_MAX_WAIT_MS = 2000;
/** The wait before the first retry of a failed save; doubled for each further failure. */
export const RETRY_FIRST_MS = 1000;
/** The longest wait between two retries. */
export const RETRY_MAX_MS = 10_000;

/**
 * The codes of failures that another try may get past: the storage (a locked database, a
 * write that failed), a full disk (saving works again once there is space), and `internal`
 * (what the UI makes of a failed IPC call or an answer it does not know). Any other code
 * (a field's value, a read-only or missing database, a conflict, a record that is gone) would
 * fail again the same way. A failure with a `field` is never retried, whatever its code.
 */
export const RETRY_CODES = [
  'storage',
  'disk_full',
  'internal',
] as const satisfies readonly UiErrorCode[];

/** Whether a failed save is worth trying again unchanged. */
export function isRetryable(error: UiError): boolean {
  return error.field === null && (RETRY_CODES as readonly UiErrorCode[]).includes(error.code);
}

/** What the page shows of a saver, whatever it saves. */
export interface SaveState {
  readonly error: UiError | null;
  readonly retrying: boolean;
  readonly busy: boolean;
  readonly touched: boolean;
}

/** Timings of an `Autosaver`, in ms. */
export interface AutosaveTimings {
  delay?: number;
  maxWait?: number;
  retryFirst?: number;
  retryMax?: number;
}

export class Autosaver<T> implements SaveState {
  /** True while there are changes that have not been saved yet. */
  dirty = $state(false);
  /** True while a save is in flight. */
  saving = $state(false);
  /** True once anything has been saved (or tried). */
  touched = $state(false);
  /** The last save failed and will be tried again (see `RETRY_CODES`). */
  retrying = $state(false);
  /** Why the core refused the last save (never set while `retrying`). */
  error = $state<UiError | null>(null);

  #debounce: ReturnType<typeof setTimeout> | undefined;
  #maxWait: ReturnType<typeof setTimeout> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #snapshot: () => T;
  #send: (value: T) => Promise<void>;
  #delay: number;
  #maxWaitMs: number;
  #retryFirst: number;
  #retryMax: number;
  /** Failed tries in a row, for the wait before the next one. */
  #failures = 0;
  #disposed = false;
  /** The save in flight (never rejects), for `settle()`. */
  #inFlight: Promise<void> = Promise.resolve();

  constructor(
    snapshot: () => T,
    send: (value: T) => Promise<void>,
    timings: number | AutosaveTimings = {},
  ) {
    const t = typeof timings === 'number' ? { delay: timings } : timings;
    this.#snapshot = snapshot;
    this.#send = send;
    this.#delay = t.delay ?? AUTOSAVE_DELAY_MS;
    this.#maxWaitMs = t.maxWait ?? AUTOSAVE_MAX_WAIT_MS;
    this.#retryFirst = t.retryFirst ?? RETRY_FIRST_MS;
    this.#retryMax = t.retryMax ?? RETRY_MAX_MS;
  }

  /** Something changed: save after the delay, and at the latest after the maximum wait. */
  changed(): void {
    this.dirty = true;
    this.touched = true;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => void this.flush(), this.#delay);
    this.#maxWait ??= setTimeout(() => void this.flush(), this.#maxWaitMs);
  }

  /** Save now if anything is unsaved (after the save in flight, if there is one). */
  async flush(): Promise<void> {
    this.#clearTimers();
    if (!this.dirty || this.saving) return;
    this.dirty = false;
    this.saving = true;
    const value = this.#snapshot();
    let again = false;
    try {
      const sending = this.#send(value);
      this.#inFlight = sending.then(
        () => undefined,
        () => undefined,
      );
      await sending;
      this.#failures = 0;
      this.retrying = false;
      this.error = null;
    } catch (err) {
      const error = normaliseError(err);
      if (isRetryable(error)) {
        // Not saved: what was sent stays unsaved, and the next try sends the latest state.
        this.dirty = true;
        this.retrying = true;
        this.error = null;
        again = true;
      } else {
        this.#failures = 0;
        this.retrying = false;
        this.error = error;
      }
    } finally {
      this.saving = false;
    }
    if (again) {
      this.#scheduleRetry();
      return;
    }
    // Changes made while the save was in flight: send the latest state now.
    if (this.dirty) await this.flush();
  }

  /**
   * Saves what is unsaved and resolves once nothing is unsaved or being saved (e.g. before
   * the core makes a PDF of the record). A failed save settles too: a refused one keeps its
   * error, one that will be retried stays `busy` and `retrying`.
   */
  async settle(): Promise<void> {
    let tried = false;
    while (this.busy) {
      if (this.saving) await this.#inFlight;
      else if (tried && this.retrying) return;
      else {
        tried = true;
        await this.flush();
      }
    }
  }

  /** Stops the timers and the retries without saving (the record is gone). */
  dispose(): void {
    this.#disposed = true;
    this.#clearTimers();
  }

  /** True while something is unsaved or being saved. */
  get busy(): boolean {
    return this.dirty || this.saving;
  }

  #scheduleRetry(): void {
    if (this.#disposed) return;
    const wait = Math.min(this.#retryFirst * 2 ** this.#failures, this.#retryMax);
    this.#failures += 1;
    // A change made meanwhile may already have started its own timers: the first to run wins.
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.flush(), wait);
  }

  #clearTimers(): void {
    clearTimeout(this.#debounce);
    clearTimeout(this.#maxWait);
    clearTimeout(this.#retry);
    this.#debounce = undefined;
    this.#maxWait = undefined;
    this.#retry = undefined;
  }
}
