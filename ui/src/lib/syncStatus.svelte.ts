// The shared workspace's sync status as the whole window sees it: fetched once, then
// followed through the shell's `sync-status` event (sent after every background sync),
// so no view polls. The header's indicator and the shared workspace's page read it.
import { listen } from '@tauri-apps/api/event';
import { api } from './api';
import type { SyncStatus } from './bindings/SyncStatus';

/** The event the shell sends after each sync (src-tauri/src/shared.rs). */
export const SYNC_STATUS_EVENT = 'sync-status';

const state = $state<{ status: SyncStatus | null }>({ status: null });

/** The last status known (null until it is fetched). */
export function currentSyncStatus(): SyncStatus | null {
  return state.status;
}

export function setSyncStatus(status: SyncStatus | null): void {
  state.status = status;
}

/** Asks the shell for the status (after joining, leaving, a password). */
export async function refreshSyncStatus(): Promise<SyncStatus | null> {
  try {
    state.status = await api.syncStatus();
  } catch {
    // The status stays as it was; the next event brings it.
  }
  return state.status;
}

/** Fetches the status and follows the shell's events; returns the way to stop. */
export function followSyncStatus(): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  void refreshSyncStatus();
  listen<SyncStatus>(SYNC_STATUS_EVENT, (event) => {
    state.status = event.payload;
  })
    .then((stop) => {
      if (stopped) stop();
      else unlisten = stop;
    })
    .catch(() => {
      // No events (a test without them): the fetched status stands.
    });
  return () => {
    stopped = true;
    unlisten?.();
  };
}

export function isJoined(status: SyncStatus | null): status is SyncStatus & {
  server: NonNullable<SyncStatus['server']>;
} {
  return status !== null && status.server !== null;
}
