import { describe, expect, it } from 'vitest';
import {
  budgetText,
  followUpText,
  formatTimestamp,
  groupDigits,
  groupDigitsNoBreak,
  joinNames,
  kindLabel,
  meetingLabel,
  pairingName,
  periodText,
  slotParts,
  snippetParts,
  suggestionReasonText,
  todayIso,
} from './format';
import { applyLanguage, tn } from './i18n.svelte';

describe('format', () => {
  it('groups amounts by threes, with no-break spaces on pages', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [999, '999'],
      [1000, '1\u00a0000'],
      [41400, '41\u00a0400'],
      [5466314, '5\u00a0466\u00a0314'],
      [999999999999999, '999\u00a0999\u00a0999\u00a0999\u00a0999'],
    ];
    for (const [value, text] of cases) {
      expect(groupDigitsNoBreak(value)).toBe(text);
      // The form shows plain spaces, which the core reads back.
      expect(groupDigits(value)).toBe(text.replaceAll('\u00a0', ' '));
    }
    applyLanguage('sv');
    expect(budgetText(5466314)).toBe('5\u00a0466\u00a0314\u00a0kr');
    applyLanguage('en');
    expect(budgetText(5466314)).toBe('SEK\u00a05\u00a0466\u00a0314');
    applyLanguage('sv');
  });

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
    expect(tn('list.count', 3)).toBe('3 partnerships');
    expect(tn('list.count', 1)).toBe('1 partnership');
    expect(document.documentElement.lang).toBe('en');
  });

  it('labels meetings', () => {
    expect(meetingLabel('learning', 1)).toBe('Lärandeträff 1');
    expect(meetingLabel('startup', null)).toBe('Uppstartsmöte');
    expect(meetingLabel('study_visit', null, 'Umeå')).toBe('Studiebesök – Umeå');
    expect(
      followUpText({
        meetingKind: 'learning',
        meetingNumber: 2,
        meetingDate: '2027-08-24',
        status: 'done',
        note: 'Mallen används.',
      }),
    ).toBe('Lärandeträff 2 (2027-08-24): Klar – Mallen används.');
  });

  it('splits search snippets at the mark characters', () => {
    expect(snippetParts('om \u0002mall\u0003 och \u0002mallar\u0003.')).toEqual([
      { text: 'om ', mark: false },
      { text: 'mall', mark: true },
      { text: ' och ', mark: false },
      { text: 'mallar', mark: true },
      { text: '.', mark: false },
    ]);
    expect(snippetParts('<b>ingen</b>')).toEqual([{ text: '<b>ingen</b>', mark: false }]);
  });

  it('names pairings the way they are published', () => {
    const mentor = { name: 'Umeå kommun' };
    const a = { name: 'Vännäs kommun' };
    const b = { name: 'Nordmalings kommun' };
    const c = { name: 'Robertsfors kommun' };
    expect(joinNames([])).toBe('');
    expect(pairingName({ participants: [a], mentor })).toBe(
      'Vännäs kommun med stöd av Umeå kommun',
    );
    expect(pairingName({ participants: [a, b], mentor })).toBe(
      'Vännäs kommun och Nordmalings kommun med stöd av Umeå kommun',
    );
    expect(joinNames([a.name, b.name, c.name])).toBe(
      'Vännäs kommun, Nordmalings kommun och Robertsfors kommun',
    );
    applyLanguage('en');
    expect(pairingName({ participants: [a, b, c], mentor })).toBe(
      'Vännäs kommun, Nordmalings kommun and Robertsfors kommun supported by Umeå kommun',
    );
    applyLanguage('sv');
  });

  it('explains suggestions and splits messages around a link', () => {
    expect(
      suggestionReasonText({
        kind: 'completed_round',
        partnershipName: 'Modellkommun 2024',
        completedOn: '2025-05-20',
      }),
    ).toBe('Genomförde Modellkommun 2024 (2025-05-20)');
    expect(suggestionReasonText({ kind: 'same_cluster', cluster: 'Kusten' })).toBe(
      'Samma kluster: Kusten',
    );
    expect(
      slotParts(
        'lineage.mentorStepNext',
        { round: 'R', since: '2024-01-01', status: 'Aktivt' },
        'org',
      ),
    ).toEqual(['som i sin tur hade ', ' som mentor i R från 2024-01-01 (Aktivt)']);
  });

  it("gives today's local date", () => {
    expect(todayIso(new Date(2027, 0, 5, 23, 59))).toBe('2027-01-05');
  });
});
