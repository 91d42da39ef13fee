// The errors every command can reject with, as the window sees them: the core's
// CommandError, or an "internal" one made up here. The UI branches on `code`,
// never on the message.

import type { CommandError } from './bindings/CommandError';
import type { ErrorCode } from './bindings/ErrorCode';

export type UiErrorCode = ErrorCode | 'internal';

/** A CommandError from the core, or an "internal" one made up on the UI side. */
export type UiError = Omit<CommandError, 'code'> & { code: UiErrorCode };

/** Every code the core may send. Kept in step with bindings/ErrorCode.ts by the type below. */
export const ERROR_CODES = [
  'name_required',
  'name_too_long',
  'text_too_long',
  'invalid_date',
  'date_required',
  'invalid_time',
  'end_before_start',
  'name_taken',
  'invalid_number',
  'invalid_email',
  'invalid_link',
  'email_taken',
  'invalid_code',
  'code_taken',
  'goal_required',
  'description_required',
  'not_later_meeting',
  'unknown_organisation',
  'unknown_person',
  'country_required',
  'cluster_required',
  'membership_exists',
  'in_use',
  'invalid_file',
  'file_too_large',
  'missing_column',
  'too_many_cells',
  'unknown_value',
  'duplicate_in_file',
  'mentor_required',
  'participants_required',
  'too_many_participants',
  'mentor_is_participant',
  'has_active_mentor',
  'capacity_exceeded',
  'reason_required',
  'contact_not_in_organisation',
  'not_participant',
  'pairing_required',
  'unknown_pairing',
  'not_mentor_session',
  'unknown_group',
  'role_overlaps',
  'unknown_venue',
  'link_on_site',
  'no_coming_meetings',
  'unknown_goal',
  'not_by_gender',
  'too_many',
  'not_a_package',
  'damaged_package',
  'newer_package',
  'conflicts_unresolved',
  'locked',
  'approver_required',
  'not_approved',
  'agenda_not_empty',
  'agenda_empty',
  'invalid_input',
  'not_found',
  'conflict',
  'storage',
  'disk_full',
  'read_only',
  'not_open',
  'not_a_database',
  'damaged_database',
  'newer_schema',
  'backup_failed',
  'cancelled',
  'open_failed',
  'server_unreachable',
  'server_login_refused',
  'server_not_trusted',
  'tls_required',
  'server_schema_newer',
  'server_not_set_up',
  'workspace_not_empty',
  'database_not_empty',
  'not_joined',
  'already_joined',
  'not_administrator',
  'password_needed',
  'server_error',
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

/** True when the user closed a native save dialog without choosing a file. */
export function isCancelled(err: UiError): boolean {
  return err.code === 'cancelled';
}
