import { describe, expect, it } from 'vitest';
import { formatTimestamp, kindLabel, periodText } from './format';
import { applyLanguage, t } from './i18n.svelte';

describe('format', () => {
  it('shows timestamps as local "YYYY-MM-DD HH:mm"', () => {
    const d = new Date(2026, 10, 23, 10, 15);
    expect(formatTimestamp(d.toISOString())).toBe('2026-11-23 10:15');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });

  it('shows periods', () => {
    expect(periodText('2026-01-01', '2026-12-31')).toBe('2026-01-01 – 2026-12-31');
    expect(periodText('2026-01-01', null)).toBe('Från 2026-01-01');
    expect(periodText(null, '2026-12-31')).toBe('Till 2026-12-31');
    expect(periodText(null, null)).toBe('Ingen period angiven');
  });

  it('translates and interpolates', () => {
    expect(kindLabel('model_municipality_round')).toBe('Modellkommunomgång');
    applyLanguage('en');
    expect(kindLabel('model_municipality_round')).toBe('Model municipality round');
    expect(t('list.countMany', { count: 3 })).toBe('3 partnerships');
    expect(document.documentElement.lang).toBe('en');
  });
});
