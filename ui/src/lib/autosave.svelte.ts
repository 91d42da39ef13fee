// Debounced, serialised autosave of one part of a record (e.g. a meeting's own fields).
//
// - `changed()` marks the part dirty and saves `delay` ms after the last change;
// - `flush()` saves at once (on blur, when leaving the page, when the window hides);
// - `settle()` also waits for a save in flight (before a PDF of the saved record);
// - never two saves of the same part at once: a change during a save is sent, with the
//   latest state, as soon as the save returns;
// - a failed save keeps what was typed and waits for the next change.
import { normaliseError, type UiError } from './api';

export const AUTOSAVE_DELAY_MS = 700;

/** What the page shows of a saver, whatever it saves. */
export interface SaveState {
  readonly error: UiError | null;
  readonly busy: boolean;
  readonly touched: boolean;
}

export class Autosaver<T> implements SaveState {
  /** True while there are changes that have not been sent yet. */
  dirty = $state(false);
  /** True while a save is in flight. */
  saving = $state(false);
  /** True once anything has been saved (or tried). */
  touched = $state(false);
  error = $state<UiError | null>(null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #snapshot: () => T;
  #send: (value: T) => Promise<void>;
  #delay: number;
  /** The save in flight (never rejects), for `settle()`. */
  #inFlight: Promise<void> = Promise.resolve();

  constructor(snapshot: () => T, send: (value: T) => Promise<void>, delay = AUTOSAVE_DELAY_MS) {
    this.#snapshot = snapshot;
    this.#send = send;
    this.#delay = delay;
  }

  /** Something changed: save after the delay (restarted by every change). */
  changed(): void {
    this.dirty = true;
    this.touched = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delay);
  }

  /** Save now if anything is unsaved (after the save in flight, if there is one). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.dirty || this.saving) return;
    this.dirty = false;
    this.saving = true;
    const value = this.#snapshot();
    try {
      const sending = this.#send(value);
      this.#inFlight = sending.then(
        () => undefined,
        () => undefined,
      );
      await sending;
      this.error = null;
    } catch (err) {
      this.error = normaliseError(err);
    } finally {
      this.saving = false;
    }
    // Changes made while the save was in flight: send the latest state now.
    if (this.dirty) await this.flush();
  }

  /**
   * Saves what is unsaved and resolves once nothing is unsaved or being saved (e.g. before
   * the core makes a PDF of the record). A failed save settles too, keeping its error.
   */
  async settle(): Promise<void> {
    while (this.busy) {
      if (this.saving) await this.#inFlight;
      else await this.flush();
    }
  }

  /** Stops the timer without saving (the view is gone and has flushed). */
  dispose(): void {
    clearTimeout(this.#timer);
  }

  /** True while something is unsaved or being saved. */
  get busy(): boolean {
    return this.dirty || this.saving;
  }
}
