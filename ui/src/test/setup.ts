import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { applyLanguage } from '../lib/i18n.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  applyLanguage('sv');
  delete document.body.dataset.ready;
});
