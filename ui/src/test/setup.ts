import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { applyLanguage } from '../lib/i18n.svelte';
import { resetPdfOptions } from '../lib/pdfOptions.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  applyLanguage('sv');
  resetPdfOptions();
  delete document.body.dataset.ready;
});
