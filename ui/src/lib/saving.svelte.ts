// The saves still going on in the page, for closing the window without losing the last one.
//
// A page with autosavers (the meeting page) registers how to settle them while it is shown,
// and hands over its last saves when it goes. The window's close button calls
// `window.__samlarClosing` (see `on_close_requested` in src-tauri/src/safekeeping.rs), which
// waits for all of them and then tells the shell `ready_to_close`; the shell closes the
// window then, or after 1 s at the latest.
import { api } from './api';

type Settle = () => Promise<void>;

// Plain arrays: nothing on the page shows them, so they need no reactivity.
let pages: Settle[] = [];
let leaving: Promise<void>[] = [];

/**
 * Registers a page's `settle` (saves what is unsaved, resolves when nothing is being saved).
 * The function returned unregisters it; give it the page's last saves (`settle()` called as
 * the page goes), which closing then still waits for.
 */
export function registerSaving(settle: Settle): (last?: Promise<void>) => void {
  pages = [...pages, settle];
  return (last) => {
    pages = pages.filter((p) => p !== settle);
    if (!last) return;
    const done = last.catch(() => undefined);
    leaving = [...leaving, done];
    void done.finally(() => (leaving = leaving.filter((p) => p !== done)));
  };
}

/** Resolves once every registered page has settled and every last save has returned. */
export async function settleAllSaving(): Promise<void> {
  const settling = pages.map((settle) => settle().catch(() => undefined));
  await Promise.all([...settling, ...leaving]);
}

type ClosingWindow = { __samlarClosing?: () => Promise<void> };

/** What the window's close button calls: finish the saves, then let the shell close. */
export async function closing(): Promise<void> {
  try {
    await settleAllSaving();
  } finally {
    await api.readyToClose().catch(() => null);
  }
}

/** Defines `window.__samlarClosing`; the function returned removes it again. */
export function installClosing(): () => void {
  const w = window as unknown as ClosingWindow;
  w.__samlarClosing = closing;
  return () => {
    if (w.__samlarClosing === closing) delete w.__samlarClosing;
  };
}
