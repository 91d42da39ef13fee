import { describe, expect, it } from 'vitest';
import sv from '../messages/sv.json';
import en from '../messages/en.json';
import { UI_ERROR_CODES } from './api';
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
    expect(sv['meeting.pdf']).toBe('Skriv ut sammanfattning (PDF)');
    expect(sv['detail.pdfReport']).toBe('Rapport (PDF)');
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
