// How the interface starts: the settings the shell put into the page before
// any script ran, and the start-up marks the benchmark reads.
import type { PartnershipQuery } from './bindings/PartnershipQuery';
import type { PartnershipSummary } from './bindings/PartnershipSummary';
import type { StartView } from './bindings/StartView';
import type { StartupProblem } from './bindings/StartupProblem';
import { isLanguage } from './i18n.svelte';

/**
 * What the shell set as `window.__SAMLAR_START__` before any script ran (see
 * `open_main_window` in src-tauri/src/lib.rs and `StartView` in the core): the
 * settings and the opening partnership list, so that the first view is painted
 * in the right language without round trips first. Null when absent (tests, a
 * plain browser) or not understood: the interface then asks over IPC.
 */
export function startView(): StartView | null {
  const start = (globalThis as { __SAMLAR_START__?: unknown }).__SAMLAR_START__;
  if (typeof start !== 'object' || start === null) return null;
  const view = start as Partial<StartView>;
  const understood =
    isLanguage(view.settings?.language) &&
    typeof view.partnershipQuery === 'object' &&
    view.partnershipQuery !== null &&
    Array.isArray(view.partnerships);
  return understood ? (view as StartView) : null;
}

/**
 * Puts `view` in place of what the shell injected: after the error page opened the database
 * read-only or restored a backup, or after a restore from the menu, the app is mounted again
 * and opens on the list of the database it works in now.
 */
export function replaceStartView(view: StartView): void {
  (globalThis as { __SAMLAR_START__?: unknown }).__SAMLAR_START__ = view;
}

/**
 * What the shell set as `window.__SAMLAR_PROBLEM__` when the database could not be opened
 * (see `open_main_window` in src-tauri/src/lib.rs and `StartupProblem` in the core): the
 * window then shows the start-up error page instead of the app. Null when absent.
 */
export function startupProblem(): StartupProblem | null {
  const found = (globalThis as { __SAMLAR_PROBLEM__?: unknown }).__SAMLAR_PROBLEM__;
  if (typeof found !== 'object' || found === null) return null;
  const problem = found as Partial<StartupProblem>;
  const understood =
    typeof problem.kind === 'string' &&
    typeof problem.dataDir === 'string' &&
    Array.isArray(problem.backups);
  return understood ? (problem as StartupProblem) : null;
}

const taken = new WeakSet<object>();

/**
 * The opening partnership list, once: when `query` is the one it answers and it
 * has not been shown yet. Any later visit to the list asks the core again.
 */
export function takeStartPartnerships(query: PartnershipQuery): PartnershipSummary[] | null {
  const view = startView();
  if (!view || taken.has(view)) return null;
  const asked = view.partnershipQuery;
  const same =
    asked.search === query.search &&
    asked.status === query.status &&
    asked.kind === query.kind &&
    asked.sort === query.sort;
  if (!same) return null;
  taken.add(view);
  return view.partnerships;
}

const PREFIX = 'samlar:';

/** Notes that start-up reached `step` (a performance mark; cheap, no IPC). */
export function markStartup(step: string): void {
  performance.mark(PREFIX + step);
}

/**
 * When the page was requested, its HTML arrived and each marked step was
 * reached, in milliseconds since the Unix epoch, for the start-up benchmark.
 */
export function startupMarks(): Record<string, number> {
  const origin = performance.timeOrigin;
  const marks: Record<string, number> = { navigation: origin };
  const page = performance.getEntriesByType('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  if (page) {
    marks.html = origin + page.responseEnd;
    marks['dom-content-loaded'] = origin + page.domContentLoadedEventEnd;
    if (page.loadEventEnd > 0) marks.load = origin + page.loadEventEnd;
  }
  for (const entry of performance.getEntriesByType('mark')) {
    if (entry.name.startsWith(PREFIX)) {
      marks[entry.name.slice(PREFIX.length)] = origin + entry.startTime;
    }
  }
  return marks;
}
