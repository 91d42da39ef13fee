// An in-memory stand-in for the Rust core, installed with mockIPC: the fake core of
// fakeCore.ts (which keeps records but has none of the core's rules), the records and
// canned answers a test gives it, and what the test makes single commands answer instead
// (`handlers`, `failNext`, `inTurn`). Records the calls it gets.
import { mockIPC } from '@tauri-apps/api/mocks';
import { inputOf, type CommandInput, type CommandName, type CommandOutput } from '../lib/api';
import type { About } from '../lib/bindings/About';
import type { ActionWithHistory } from '../lib/bindings/ActionWithHistory';
import type { BackupInfo } from '../lib/bindings/BackupInfo';
import type { BackupOutcome } from '../lib/bindings/BackupOutcome';
import type { CommandError } from '../lib/bindings/CommandError';
import type { ErrorCode } from '../lib/bindings/ErrorCode';
import type { Goal } from '../lib/bindings/Goal';
import type { AgendaTemplate } from '../lib/bindings/AgendaTemplate';
import type { LogoSummary } from '../lib/bindings/LogoSummary';
import type { Attachment } from '../lib/bindings/Attachment';
import type { Installation } from '../lib/bindings/Installation';
import type { Lineage } from '../lib/bindings/Lineage';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { Membership } from '../lib/bindings/Membership';
import type { MentorCandidate } from '../lib/bindings/MentorCandidate';
import type { Organisation } from '../lib/bindings/Organisation';
import type { Pairing } from '../lib/bindings/Pairing';
import type { Partnership } from '../lib/bindings/Partnership';
import type { PdfRequest } from '../lib/bindings/PdfRequest';
import type { Person } from '../lib/bindings/Person';
import type { RoundPairings } from '../lib/bindings/RoundPairings';
import type { SearchHit } from '../lib/bindings/SearchHit';
import type { Settings } from '../lib/bindings/Settings';
import type { StartView } from '../lib/bindings/StartView';
import type { Statistics } from '../lib/bindings/Statistics';
import type { Venue } from '../lib/bindings/Venue';
import type { Group } from '../lib/bindings/Group';
import type { Indicator } from '../lib/bindings/Indicator';
import type { RoleAssignment } from '../lib/bindings/RoleAssignment';
import { coreError, fakeCore } from './fakeCore';

export { coreError } from './fakeCore';
export * from './fixtures';

export type Call = { cmd: string; args: Record<string, unknown> | undefined };

/** What answers one command: its input in, its output (or a promise of it) out. */
export type Handler<K extends CommandName> = (
  input: CommandInput<K>,
) => CommandOutput<K> | Promise<CommandOutput<K>>;

/** A core: an answer to every command. */
export type Handlers = { [K in CommandName]: Handler<K> };

/** A round's mentors and participants, as round_pairings answers them. */
export type RoundParts = Pick<RoundPairings, 'mentors' | 'participants'>;

export interface Store {
  organisations: Organisation[];
  people: Person[];
  memberships: Membership[];
  goals: Record<number, Goal[]>;
  meetings: MeetingDetail[];
  pairings: Pairing[];
  /** The register of venues. */
  venues: Venue[];
  /** People's roles in partnerships, in the order given. */
  roles: RoleAssignment[];
  /** Groups inside partnerships, with their members. */
  groups: Group[];
  /** Partnerships' indicators with their values (fakeIndicators.ts). */
  indicators: Indicator[];
  /** Agenda templates, and the meetings' attachments (fakeAgendaFiles.ts). */
  agendaTemplates: AgendaTemplate[];
  attachments: Attachment[];
  /** The logos for the PDFs: the installation's and each partnership's own. */
  logos: { installation: LogoSummary | null; partnerships: Record<number, LogoSummary> };
  // Canned answers.
  /** Each round's mentors and participants, by partnership id (none unless given). */
  rounds: Record<number, RoundParts>;
  /** What mentor_suggestions answers. */
  suggestions: MentorCandidate[];
  statistics: Statistics | null;
  /** What search answers. */
  searchHits: SearchHit[];
  organisationActions: Record<number, ActionWithHistory[]>;
  lineages: Record<number, Lineage>;
  /** What list_backups answers. */
  backups: BackupInfo[];
  /** This installation (get_installation; set_installation_name changes its name). */
  installation: Installation;
  /** What about answers (null: not given). */
  about: About | null;
  /** What daily_backup_outcome answers. */
  backupOutcome: BackupOutcome;
  /** What choose_backup_file answers (null: the dialog was closed, `cancelled`). */
  chosenFile: string | null;
  /** What restore_backup and open_read_only answer (null: not given). */
  startView: StartView | null;
}

export interface FakeBackend extends Store {
  calls: Call[];
  /** What export_pdf was asked to make, in order. */
  pdfRequests: PdfRequest[];
  settings: Settings;
  partnerships: Partnership[];
  callsOf(cmd: CommandName): Call[];
  /** The next call of `cmd` fails with this error, as the core sends one. */
  failNext(cmd: CommandName, code: ErrorCode, field?: string | null): void;
}

/** A handler that gives each answer in turn, and the last one from then on. */
export function inTurn<T>(...answers: T[]): () => T {
  let next = 0;
  return () => answers[Math.min(next++, answers.length - 1)];
}

/**
 * Installs the fake core: `items` are its partnerships, `store` the rest of its records
 * and canned answers, and `handlers` answer single commands in its place.
 */
export function installBackend(
  items: Partnership[] = [],
  handlers: Partial<Handlers> = {},
  store: Partial<Store> = {},
): FakeBackend {
  const failures: Partial<Record<CommandName, CommandError[]>> = {};
  const backend: FakeBackend = {
    calls: [],
    pdfRequests: [],
    settings: { language: 'sv' },
    partnerships: [...items],
    organisations: [],
    people: [],
    memberships: [],
    goals: {},
    meetings: [],
    pairings: [],
    venues: [],
    roles: [],
    groups: [],
    indicators: [],
    agendaTemplates: [],
    attachments: [],
    logos: { installation: null, partnerships: {} },
    rounds: {},
    suggestions: [],
    statistics: null,
    searchHits: [],
    organisationActions: {},
    lineages: {},
    backups: [],
    installation: { id: 'installation-1', name: '' },
    about: null,
    backupOutcome: { taken: null, error: null, damaged: false },
    chosenFile: null,
    startView: null,
    ...store,
    callsOf(cmd) {
      return this.calls.filter((c) => c.cmd === cmd);
    },
    failNext(cmd, code, field = null) {
      (failures[cmd] ??= []).push(coreError(code, field));
    },
  };
  const core = fakeCore(backend);

  function answer<K extends CommandName>(cmd: K, input: CommandInput<K>) {
    const failure = failures[cmd]?.shift();
    if (failure) throw failure;
    const handler: Handler<K> = handlers[cmd] ?? core[cmd];
    return handler(input);
  }

  // Events (`listen`, `emit` of @tauri-apps/api/event) stay in the page: a test emits
  // what the shell would (the shared workspace's `sync-status`).
  mockIPC(
    (cmd, payload) => {
      const args = payload as Record<string, unknown> | undefined;
      backend.calls.push({ cmd, args });
      if (!(cmd in core)) throw { ...coreError('not_found'), message: `no command ${cmd}` };
      const name = cmd as CommandName;
      return answer(name, inputOf(name, args));
    },
    { shouldMockEvents: true },
  );
  return backend;
}
