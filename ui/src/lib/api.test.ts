import { describe, expect, it } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { api, normaliseError } from './api';
import { installBackend, partnership } from '../test/fakeBackend';
import type { PartnershipDraft } from './bindings/PartnershipDraft';

function draftOf(name: string): PartnershipDraft {
  return {
    name,
    kind: 'other',
    phase: 'planning',
    purpose: '',
    sharedProblem: '',
    delimitation: '',
    startDate: null,
    endDate: null,
    projectOwnerId: null,
    contactPersonId: null,
    fundingSource: '',
    budget: '',
    granted: '',
    region: '',
    mandateNotes: '',
    powerBalanceNotes: '',
    missingPartnersNotes: '',
    carryHomeNotes: '',
    goals: [],
  };
}

describe('normaliseError', () => {
  it('passes a CommandError through', () => {
    const err = { code: 'name_taken', field: 'name', message: 'duplicate name' };
    expect(normaliseError(err)).toEqual(err);
  });

  it('turns a string into an internal error', () => {
    expect(normaliseError('invalid args `input` for command')).toEqual({
      code: 'internal',
      field: null,
      message: 'invalid args `input` for command',
    });
  });

  it('turns an unknown code or a non-object into an internal error', () => {
    expect(normaliseError({ code: 'brand_new', field: null, message: 'x' }).code).toBe('internal');
    expect(normaliseError(new Error('boom'))).toMatchObject({ code: 'internal', field: null });
    expect(normaliseError(null).code).toBe('internal');
  });

  it('is idempotent', () => {
    const once = normaliseError('oops');
    expect(normaliseError(once)).toEqual(once);
  });
});

describe('api', () => {
  it('sends each argument under `input`', async () => {
    const created = partnership({ id: 7, name: 'Ny' });
    const backend = installBackend([], { create_partnership: () => created });
    const draft = draftOf('Ny');
    await expect(api.createPartnership(draft)).resolves.toEqual(created);
    await api.listPartnerships({ search: 'ny', status: 'all', kind: null, sort: 'name' });
    expect(backend.calls).toEqual([
      { cmd: 'create_partnership', args: { input: draft } },
      {
        cmd: 'list_partnerships',
        args: { input: { search: 'ny', status: 'all', kind: null, sort: 'name' } },
      },
    ]);
  });

  it('wraps update, archive and language arguments', async () => {
    const backend = installBackend([partnership({ id: 3 })], {
      update_partnership: () => partnership(),
      set_partnership_archived: () => partnership({ archived: true }),
    });
    const draft = draftOf('A');
    await api.updatePartnership(3, draft);
    await api.setPartnershipArchived(3, true);
    await api.getPartnership(3);
    await api.setLanguage('en');
    expect(backend.calls.map((c) => c.args)).toEqual([
      { input: { id: 3, draft } },
      { input: { id: 3, archived: true } },
      { input: { id: 3 } },
      { input: { language: 'en' } },
    ]);
  });

  it('rejects with the CommandError the core sent', async () => {
    const err = { code: 'name_required', field: 'name', message: 'name is empty' };
    mockIPC(() => {
      throw err;
    });
    await expect(api.getPartnership(1)).rejects.toEqual(err);
  });

  it('rejects with an internal error when the core sends a string', async () => {
    mockIPC(() => Promise.reject('invalid type: string, expected u32'));
    await expect(api.getSettings()).rejects.toEqual({
      code: 'internal',
      field: null,
      message: 'invalid type: string, expected u32',
    });
  });
});
