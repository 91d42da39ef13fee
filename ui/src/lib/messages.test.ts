import { describe, expect, it } from 'vitest';
import sv from '../messages/sv.json';
import en from '../messages/en.json';
import { UI_ERROR_CODES } from './api';
import { applyLanguage, tn } from './i18n.svelte';
import {
  ACTION_STATUSES,
  ATTENDANCE_STATUSES,
  GENDERS,
  MEETING_KINDS,
  KINDS,
  MODEL_TITLES,
  NAMED_COMPETENCES,
  NETWORK_LEVELS,
  ORGANISATION_KINDS,
  PAIRING_STATUSES,
  PERSON_LEVELS,
  PHASES,
  ROLES,
  SEARCH_SOURCES,
} from './format';

describe('message files', () => {
  it('have identical key sets', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('have no empty values', () => {
    for (const messages of [sv, en]) {
      for (const [key, value] of Object.entries(messages)) {
        expect(typeof value, key).toBe('string');
        expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('have a message for every error code and every kind', () => {
    for (const code of UI_ERROR_CODES) {
      expect(sv).toHaveProperty([`error.${code}`]);
      expect(en).toHaveProperty([`error.${code}`]);
    }
    for (const kind of KINDS) expect(sv).toHaveProperty([`kind.${kind}`]);
  });

  it('keep the agreed Swedish texts', () => {
    expect(sv['error.partnership.name_required']).toBe('Ange ett namn på partnerskapet.');
    expect(sv['error.organisation.name_required']).toBe('Ange organisationens namn.');
    expect(sv['error.person.name_required']).toBe('Ange personens namn.');
    expect(sv['list.title']).toBe('Partnerskap');
    expect(en['list.title']).toBe('Partnerships');
    expect(sv['menu.import']).toBe('Importera från CSV');
    expect(sv['import.file']).toBe('CSV-fil');
    expect(sv['import.preview']).toBe('Förhandsgranskning');
  });

  it('keep the agreed texts of mentor pairings', () => {
    expect(sv['error.pairing.mentor_is_participant']).toBe(
      'En organisation kan inte vara mentor för sig själv.',
    );
    expect(sv['error.pairing.has_active_mentor']).toBe(
      'Organisationen har redan en aktiv mentor i den här omgången.',
    );
    expect(sv['error.pairing.capacity_exceeded']).toBe(
      'Mentorn har inte plats för fler deltagare i omgången. Höj mentorns kapacitet eller välj en annan mentor.',
    );
    expect(sv['error.pairing.mentor_required']).toBe('Välj en mentororganisation.');
    expect(sv['error.pairing.participants_required']).toBe('Välj minst en deltagare.');
    expect(sv['error.pairing.too_many_participants']).toBe(
      'Ett mentorpar har högst tre deltagare.',
    );
    expect(sv['error.pairing.reason_required']).toBe('Ange varför mentorskapet avbröts.');
    expect(sv['error.meeting.pairing_required']).toBe(
      'Välj vilket mentorpar mentorsträffen hör till.',
    );
    expect(sv['pairingStatus.active']).toBe('Aktivt');
    expect(sv['pairingStatus.completed']).toBe('Avslutat');
    expect(sv['pairingStatus.ended_early']).toBe('Avbrutet i förtid');
    expect(sv['modelTitle.model_municipality']).toBe('Modellkommun');
    expect(sv['modelTitle.model_region']).toBe('Modellregion');
    expect(sv['modelTitle.model_organisation']).toBe('Modellorganisation');
  });

  it('keep the agreed texts of PDF export', () => {
    expect(sv['meeting.pdf']).toBe('Spara sammanfattning som PDF');
    expect(sv['detail.pdfReport']).toBe('Spara rapport som PDF');
    expect(sv['pdfExport.options']).toBe('PDF-alternativ');
    expect(sv['pdfExport.archival']).toBe('PDF/A för arkivering');
    expect(sv['pdfExport.open']).toBe('Öppna filen när den sparats');
    expect(sv['pdfExport.busy']).toBe('Skapar PDF …');
    expect(sv['pdfExport.saved']).toBe('Sparad: {path}');
    expect(sv['error.open_failed']).toBe(
      'Filen sparades men kunde inte öppnas. Öppna den från mappen där du sparade den.',
    );
  });

  it('keep the labels the core reads for every enum value', () => {
    const prefixes: Record<string, readonly string[]> = {
      kind: KINDS,
      phase: PHASES,
      organisationKind: ORGANISATION_KINDS,
      role: ROLES,
      networkLevel: NETWORK_LEVELS,
      personLevel: PERSON_LEVELS,
      gender: GENDERS,
      competence: NAMED_COMPETENCES,
      meetingKind: MEETING_KINDS,
      actionStatus: ACTION_STATUSES,
      attendanceStatus: ATTENDANCE_STATUSES,
      searchSource: SEARCH_SOURCES,
      pairingStatus: PAIRING_STATUSES,
      modelTitle: MODEL_TITLES,
    };
    for (const messages of [sv, en]) {
      for (const [prefix, values] of Object.entries(prefixes)) {
        const keys = Object.keys(messages).filter((k) => k.startsWith(`${prefix}.`));
        // No UI-only keys under a prefix the core enumerates.
        expect(keys.sort()).toEqual(values.map((v) => `${prefix}.${v}`).sort());
      }
    }
  });

  it('have the meeting labels the core reuses for PDFs', () => {
    expect(sv['meetingKind.startup']).toBe('Uppstartsmöte');
    expect(sv['meetingKind.learning']).toBe('Lärandeträff');
    expect(sv['meetingKind.results_conference']).toBe('Resultatkonferens');
    expect(sv['meetingKind.coordinator']).toBe('Koordinatorsträff');
    expect(sv['meetingKind.strategist']).toBe('Strategträff');
    expect(sv['meetingKind.study_visit']).toBe('Studiebesök');
    expect(sv['meetingKind.mentor_session']).toBe('Mentorsträff');
    expect(sv['meetingKind.workshop']).toBe('Workshop eller seminarium');
    expect(sv['meetingKind.other']).toBe('Annat möte');
    expect(sv['actionStatus.planned']).toBe('Planerad');
    expect(sv['actionStatus.ongoing']).toBe('Pågår');
    expect(sv['actionStatus.done']).toBe('Klar');
    expect(sv['actionStatus.dropped']).toBe('Avbruten');
    expect(sv['attendanceStatus.invited']).toBe('Inbjuden');
    expect(sv['attendanceStatus.attended']).toBe('Närvarande');
    expect(sv['attendanceStatus.absent']).toBe('Frånvarande');
    expect(sv['reflection.best']).toBe('Vad gör vi bäst när det här händer?');
    expect(sv['reflection.learn']).toBe('Vad kan vi lära?');
    expect(sv['reflection.develop']).toBe('Vad ska vi ta vara på eller utveckla?');
    expect(en['reflection.best']).toBe('What do we do best when this happens?');
    expect(en['reflection.learn']).toBe('What can we learn?');
    expect(en['reflection.develop']).toBe('What should we keep or develop?');
    for (const messages of [sv, en]) {
      const reflection = Object.keys(messages).filter((k) => k.startsWith('reflection.'));
      expect(reflection.sort()).toEqual([
        'reflection.best',
        'reflection.develop',
        'reflection.learn',
      ]);
    }
  });
});

/*
 * Plural forms. The rule, checked for every message of both files:
 *
 * 1. `{count}` holds a number of things. A message with `{count}` is a plural pair: its key
 *    ends in `_one` or `_other`, both keys exist in both files, and both forms hold the same
 *    placeholders. `tn()` picks the form with `Intl.PluralRules` ("1 person", "2 personer").
 *    The one exception is a tally after a label, the whole message being `Label ({count})`
 *    ("Möten (3)"): no word depends on the count there.
 * 2. Any other placeholder holding a number is either a position or a date part
 *    (POSITIONS: "Punkt {n}", "Rad {row}", "Sida {page} av {pages}"), which no word after it
 *    may follow except a unit that does not inflect (kB, MB) or "av"/"of", or is listed in
 *    NUMBERS_WITHOUT_PLURAL with the reason no word depends on it ("Kvinnor: {women}").
 * 3. Every other placeholder is text (TEXT_PLACEHOLDERS). A placeholder in none of these lists
 *    fails the test, so a new number cannot slip in as "{total} personer": name it `{count}`
 *    and write both forms, or add it to the list it belongs to.
 * 4. No text writes both forms in one: "omgång(ar)", "round(s)".
 */
const POSITIONS = new Set(['n', 'row', 'number', 'page', 'pages', 'day', 'year']);
const WORDS_AFTER_POSITION = ['kB', 'MB', 'av', 'of'];
const NUMBERS_WITHOUT_PLURAL: Record<string, string> = {
  'common.showing': '"Visar 3 av 10.": no noun follows the numbers',
  'attendance.summary': 'each number follows its label: "Kvinnor: 3"',
  'format.budget': '"kr" does not inflect',
  'import.moreProblems': '{shown} is a part of {count}, which chooses the form',
  'import.rowsCaptionPart': '{shown} is a part of {count}, which chooses the form',
  'followUps.showing': '{shown} is a part of {count}, which chooses the form',
  'mentors.load': '{active} is a part of {count}, which chooses the form',
  'logo.details': '"px" does not inflect',
  'networkStats.partnershipChart': 'the total follows its label: "Totalt: 5"',
  'networkStats.kindChart': 'the total follows its label: "Antal möten totalt: 5"',
  'goodExamples.shown': '{shown} is the cap of the list (200), never one',
};
const NUMBER_PLACEHOLDERS = new Set([
  'total',
  'shown',
  'active',
  'attended',
  'extra',
  'women',
  'men',
  'other',
  'notStated',
  'amount',
  'width',
  'height',
]);
const TEXT_PLACEHOLDERS = new Set([
  'app', 'at', 'cluster', 'column', 'counts', 'county', 'database', 'date', 'description',
  'encoding', 'end', 'fields', 'file', 'first', 'group', 'here', 'items', 'kind', 'label', 'last',
  'link',
  'meeting', 'mentor', 'message', 'mode', 'month', 'name', 'names', 'note', 'org', 'organisation',
  'levels', 'participants', 'partnership', 'path', 'period', 'place', 'reason', 'role', 'round', 'second',
  'separator', 'since', 'size', 'source', 'start', 'status', 'text', 'there', 'time', 'title', 'value',
  'version', 'what', 'where',
]); // prettier-ignore

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const pluralBase = (key: string): string | null => key.match(/^(.*)_(one|other)$/)?.[1] ?? null;
const TALLY = /^(\{\w+\}|[^{}]+) \(\{count\}\)$/;

describe('plural forms in the message files', () => {
  const files = { sv, en } as Record<string, Record<string, string>>;

  it('write every count as an _one/_other pair in both languages', () => {
    for (const [language, messages] of Object.entries(files)) {
      for (const [key, text] of Object.entries(messages)) {
        if (!text.includes('{count}') || TALLY.test(text)) continue;
        const base = pluralBase(key);
        expect(base, `${language} ${key}: "${text}" has {count} but is not _one/_other`).not.toBe(
          null,
        );
        for (const other of Object.values(files)) {
          expect(other, `${language} ${key}`).toHaveProperty([`${base}_one`]);
          expect(other, `${language} ${key}`).toHaveProperty([`${base}_other`]);
        }
      }
    }
  });

  it('give both forms of a pair, with the same placeholders, in both files', () => {
    for (const [language, messages] of Object.entries(files)) {
      for (const key of Object.keys(messages)) {
        const base = pluralBase(key);
        if (base === null) continue;
        for (const other of Object.values(files)) {
          const one = other[`${base}_one`];
          const many = other[`${base}_other`];
          expect(one, `${language} ${base}_one`).toBeTypeOf('string');
          expect(many, `${language} ${base}_other`).toBeTypeOf('string');
          expect(placeholders(one), base).toEqual(placeholders(many));
        }
      }
    }
  });

  it('hold no other number that a word depends on, and no unknown placeholder', () => {
    for (const [language, messages] of Object.entries(files)) {
      for (const [key, text] of Object.entries(messages)) {
        const where = `${language} ${key}: "${text}"`;
        for (const name of placeholders(text)) {
          if (name === 'count' || TEXT_PLACEHOLDERS.has(name)) continue;
          if (POSITIONS.has(name)) {
            const after = text.split(`{${name}}`).slice(1);
            for (const rest of after) {
              const word = rest.match(/^ (\p{L}+)/u)?.[1];
              if (word !== undefined) expect(WORDS_AFTER_POSITION, where).toContain(word);
            }
            continue;
          }
          expect(NUMBER_PLACEHOLDERS.has(name), `${where}: unknown placeholder {${name}}`).toBe(
            true,
          );
          expect(NUMBERS_WITHOUT_PLURAL, `${where}: {${name}} is a number`).toHaveProperty([
            pluralBase(key) ?? key,
          ]);
        }
      }
    }
  });

  it('never write both forms in one, as in "omgång(ar)"', () => {
    for (const messages of Object.values(files)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text, key).not.toMatch(/\p{L}\((ar|er|or|na|en|n|s|es)\)/u);
      }
    }
  });

  it('choose the form by the count', () => {
    expect(tn('people.count', 1)).toBe('1 person');
    expect(tn('people.count', 2)).toBe('2 personer');
    expect(tn('people.count', 0)).toBe('0 personer');
    expect(tn('suggestion.mentored_before', 1)).toBe('Har varit mentor i 1 omgång');
    expect(tn('suggestion.mentored_before', 3)).toBe('Har varit mentor i 3 omgångar');
    applyLanguage('en');
    try {
      expect(tn('people.count', 1)).toBe('1 person');
      expect(tn('people.count', 2)).toBe('2 people');
    } finally {
      applyLanguage('sv');
    }
  });
});
