// An in-memory stand-in for the Rust core, installed with mockIPC.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Partnership } from '../lib/bindings/Partnership';
import type { PartnershipQuery } from '../lib/bindings/PartnershipQuery';
import type { Settings } from '../lib/bindings/Settings';

export type Call = { cmd: string; args: Record<string, unknown> | undefined };

export function partnership(overrides: Partial<Partnership> = {}): Partnership {
  return {
    id: 1,
    name: 'Benchlearning Norr',
    kind: 'benchlearning',
    purpose: '',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    archived: false,
    createdAt: '2026-11-23T10:15:00Z',
    updatedAt: '2026-11-23T10:15:00Z',
    ...overrides,
  };
}

export interface FakeBackend {
  calls: Call[];
  settings: Settings;
  callsOf(cmd: string): Call[];
}

/**
 * `handlers` override single commands; everything else is answered from `items`
 * (list filtering as the core does it: case-insensitive name substring, status).
 */
export function installBackend(
  items: Partnership[] = [],
  handlers: Record<string, (args: Record<string, unknown> | undefined) => unknown> = {},
): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    settings: { language: 'sv' },
    callsOf(cmd) {
      return this.calls.filter((c) => c.cmd === cmd);
    },
  };
  mockIPC((cmd, payload) => {
    const args = payload as Record<string, unknown> | undefined;
    backend.calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (handler) return handler(args);
    switch (cmd) {
      case 'get_settings':
        return backend.settings;
      case 'set_language':
        backend.settings = (args?.input ?? backend.settings) as Settings;
        return backend.settings;
      case 'list_partnerships': {
        const query = args?.input as PartnershipQuery;
        const needle = query.search.toLowerCase();
        return items.filter(
          (p) =>
            p.name.toLowerCase().includes(needle) &&
            (query.status === 'all' || p.archived === (query.status === 'archived')),
        );
      }
      default:
        throw { code: 'not_found', field: null, message: `no fake for ${cmd}` };
    }
  });
  return backend;
}
