// The state of a button that has the core make a file and save it through the native save
// dialog (a PDF, a CSV list, a calendar file, an exchange package, an e-mail draft).
//
// - `run(call)` does nothing while a run is in flight (the button keeps the focus, so a
//   second click must not start a second save dialog); it resolves to null then;
// - otherwise it sets `busy`, clears `error` and `result`, and awaits `call` (which may
//   first wait for autosaves, so that the file has the latest text);
// - what `call` resolves to (e.g. the saved file's path) is kept in `result` and returned;
// - a closed save dialog (`cancelled`) shows nothing: `error` and `result` stay null;
// - any other failure (also one `call` throws at once) is kept, normalised, in `error`;
// - `busy` is cleared again in every case.
// What the page says about the result (status line, counts, an announcement) stays in the
// component.
import { isCancelled, normaliseError, type UiError } from './api';

export class FileSaving<T> {
  /** True while a save is in flight. */
  busy = $state(false);
  /** Why the last save failed (never `cancelled`); null while saving and after a success. */
  error = $state<UiError | null>(null);
  /** What the last save resolved to; null while saving, after a failure or a closed dialog. */
  result = $state<T | null>(null);

  /** Saves once (see above); resolves to what was saved, or null when nothing was. */
  async run(call: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    this.error = null;
    this.result = null;
    try {
      const result = await call();
      this.result = result;
      return result;
    } catch (err) {
      const error = normaliseError(err);
      if (!isCancelled(error)) this.error = error;
      return null;
    } finally {
      this.busy = false;
    }
  }
}
