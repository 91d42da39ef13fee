import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { applyLanguage } from '../lib/i18n.svelte';
import { resetPdfOptions } from '../lib/pdfOptions.svelte';

// findBy… and waitFor wait up to 5 s, not 1: on a loaded two-core machine
// (CI, or vitest's workers beside a cargo build) a view can take longer than
// a second to load; a lookup that never succeeds still fails.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  clearMocks();
  applyLanguage('sv');
  resetPdfOptions();
  delete document.body.dataset.ready;
});
