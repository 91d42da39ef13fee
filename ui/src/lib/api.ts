// Typed wrapper around the Tauri commands of the Samlär core.
// Every function rejects with a UiError (never anything else).
import { invoke } from '@tauri-apps/api/core';
import type { CommandError } from './bindings/CommandError';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Partnership } from './bindings/Partnership';
import type { PartnershipDraft } from './bindings/PartnershipDraft';
import type { PartnershipQuery } from './bindings/PartnershipQuery';
import type { Settings } from './bindings/Settings';
import type { Language } from './bindings/Language';

export type UiErrorCode = ErrorCode | 'internal';

/** A CommandError from the core, or an "internal" one made up on the UI side. */
export type UiError = Omit<CommandError, 'code'> & { code: UiErrorCode };

/** Every code the core may send. Kept in step with bindings/ErrorCode.ts by the type below. */
export const ERROR_CODES = [
  'name_required',
  'name_too_long',
  'text_too_long',
  'invalid_date',
  'end_before_start',
  'name_taken',
  'invalid_input',
  'not_found',
  'conflict',
  'storage',
] as const satisfies readonly ErrorCode[];

// Compile-time check that ERROR_CODES lists every ErrorCode.
type Missing = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const allCodesListed: Missing extends never ? true : Missing = true;
void allCodesListed;

export const UI_ERROR_CODES: readonly UiErrorCode[] = [...ERROR_CODES, 'internal'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Turns whatever a command rejected with into a UiError.
 * An object with a string `code` is a CommandError and passes through; anything else
 * (e.g. the plain string Tauri sends when arguments cannot be deserialised) becomes
 * an "internal" error. A code this UI does not know is also treated as "internal".
 * Idempotent: normalising a UiError again gives an equal UiError.
 */
export function normaliseError(err: unknown): UiError {
  if (isRecord(err) && typeof err.code === 'string') {
    const known = (UI_ERROR_CODES as readonly string[]).includes(err.code);
    return {
      code: known ? (err.code as UiErrorCode) : 'internal',
      field: typeof err.field === 'string' ? err.field : null,
      message: typeof err.message === 'string' ? err.message : String(err.message ?? err.code),
    };
  }
  return { code: 'internal', field: null, message: String(err) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw normaliseError(err);
  }
}

export const api = {
  listPartnerships(query: PartnershipQuery): Promise<Partnership[]> {
    return call('list_partnerships', { input: query });
  },
  getPartnership(id: number): Promise<Partnership> {
    return call('get_partnership', { input: { id } });
  },
  createPartnership(draft: PartnershipDraft): Promise<Partnership> {
    return call('create_partnership', { input: draft });
  },
  updatePartnership(id: number, draft: PartnershipDraft): Promise<Partnership> {
    return call('update_partnership', { input: { id, draft } });
  },
  setPartnershipArchived(id: number, archived: boolean): Promise<Partnership> {
    return call('set_partnership_archived', { input: { id, archived } });
  },
  getSettings(): Promise<Settings> {
    return call('get_settings');
  },
  setLanguage(language: Language): Promise<Settings> {
    return call('set_language', { input: { language } });
  },
};
