// The first list on screen: `document.body.dataset.ready` for the end-to-end tests, and
// a report to the core for the start-up benchmark, once per start.
import { api } from './api';
import { markStartup, startupMarks } from './start';

let readyFrame = 0;

/** Called by every list when it has rendered; only the first counts. */
export function markReady(): void {
  if (document.body.dataset.ready !== 'true') {
    document.body.dataset.ready = 'true';
    markStartup('list-rendered');
    reportReady();
  }
}

/**
 * Tells the core, once per start, that the first list is on screen (the start-up
 * benchmark times it). Two animation frames: the list has really been painted.
 * Errors are ignored: nothing depends on it.
 */
function reportReady(): void {
  readyFrame = requestAnimationFrame(() => {
    markStartup('first-frame');
    readyFrame = requestAnimationFrame(() => {
      readyFrame = 0;
      api.uiReady(startupMarks()).catch(() => {});
    });
  });
}

/** The app is gone before the report went out: it does not go out. */
export function cancelReadyReport(): void {
  cancelAnimationFrame(readyFrame);
  readyFrame = 0;
}
