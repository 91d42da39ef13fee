import { describe, expect, it } from 'vitest';
import sv from '../messages/sv.json';
import en from '../messages/en.json';
import { UI_ERROR_CODES } from './api';
import { KINDS } from './format';

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
    for (const code of UI_ERROR_CODES) expect(sv).toHaveProperty([`error.${code}`]);
    for (const kind of KINDS) expect(sv).toHaveProperty([`kind.${kind}`]);
  });

  it('keep the agreed Swedish texts', () => {
    expect(sv['error.name_required']).toBe('Ange ett namn på partnerskapet.');
    expect(sv['list.title']).toBe('Partnerskap');
    expect(en['list.title']).toBe('Partnerships');
  });
});
