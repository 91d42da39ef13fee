import { describe, expect, it } from 'vitest';
import sv from '../messages/sv.json';
import en from '../messages/en.json';
import { UI_ERROR_CODES } from './api';
import {
  GENDERS,
  KINDS,
  NAMED_COMPETENCES,
  NETWORK_LEVELS,
  ORGANISATION_KINDS,
  PERSON_LEVELS,
  PHASES,
  ROLES,
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
    };
    for (const messages of [sv, en]) {
      for (const [prefix, values] of Object.entries(prefixes)) {
        const keys = Object.keys(messages).filter((k) => k.startsWith(`${prefix}.`));
        // No UI-only keys under a prefix the core enumerates.
        expect(keys.sort()).toEqual(values.map((v) => `${prefix}.${v}`).sort());
      }
    }
  });
});
