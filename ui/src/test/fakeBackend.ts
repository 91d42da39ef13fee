// An in-memory stand-in for the Rust core, installed with mockIPC.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Goal } from '../lib/bindings/Goal';
import type { Membership } from '../lib/bindings/Membership';
import type { Organisation } from '../lib/bindings/Organisation';
import type { OrganisationQuery } from '../lib/bindings/OrganisationQuery';
import type { Partnership } from '../lib/bindings/Partnership';
import type { PartnershipDetail } from '../lib/bindings/PartnershipDetail';
import type { PartnershipDraft } from '../lib/bindings/PartnershipDraft';
import type { PartnershipQuery } from '../lib/bindings/PartnershipQuery';
import type { PartnershipSummary } from '../lib/bindings/PartnershipSummary';
import type { Person } from '../lib/bindings/Person';
import type { PersonQuery } from '../lib/bindings/PersonQuery';
import type { PersonSummary } from '../lib/bindings/PersonSummary';
import type { Settings } from '../lib/bindings/Settings';

export type Call = { cmd: string; args: Record<string, unknown> | undefined };

const STAMP = '2026-11-23T10:15:00Z';

export function partnership(overrides: Partial<Partnership> = {}): Partnership {
  return {
    id: 1,
    name: 'Benchlearning Norr',
    kind: 'benchlearning',
    phase: 'planning',
    purpose: '',
    sharedProblem: '',
    delimitation: '',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    projectOwnerId: null,
    contactPersonId: null,
    fundingSource: '',
    budgetSek: null,
    region: '',
    mandateNotes: '',
    powerBalanceNotes: '',
    missingPartnersNotes: '',
    carryHomeNotes: '',
    archived: false,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function organisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: 1,
    name: 'Umeå kommun',
    kind: 'municipality',
    code: '2480',
    county: 'Västerbottens län',
    employees: 12000,
    archived: false,
    partnershipCount: 0,
    peopleCount: 0,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 1,
    name: 'Anna Andersson',
    organisationId: null,
    organisationName: null,
    title: '',
    level: null,
    email: null,
    phone: '',
    gender: 'not_stated',
    hasMandate: false,
    competences: [],
    accessibilityNeeds: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function membership(overrides: Partial<Membership> = {}): Membership {
  return {
    id: 1,
    partnershipId: 1,
    partnershipName: 'Benchlearning Norr',
    organisationId: 1,
    organisationName: 'Umeå kommun',
    organisationKind: 'municipality',
    organisationCode: null,
    role: 'participant',
    country: '',
    networkLevel: 'whole',
    cluster: '',
    ...overrides,
  };
}

export interface Store {
  organisations: Organisation[];
  people: Person[];
  memberships: Membership[];
  goals: Record<number, Goal[]>;
}

export interface FakeBackend extends Store {
  calls: Call[];
  settings: Settings;
  partnerships: Partnership[];
  callsOf(cmd: string): Call[];
}

type Handler = (args: Record<string, unknown> | undefined) => unknown;

function notFound(): never {
  throw { code: 'not_found', field: null, message: 'not found' };
}

function summaryOf(p: Person): PersonSummary {
  // Lists never carry accessibility needs, just like the core.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { accessibilityNeeds, createdAt, updatedAt, ...rest } = p;
  return rest;
}

function fromDraft(draft: PartnershipDraft, base: Partnership): Partnership {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { goals, budget, ...rest } = draft;
  const digits = budget.replace(/\s/g, '');
  return { ...base, ...rest, budgetSek: digits === '' ? null : Number(digits) };
}

/**
 * `handlers` override single commands; everything else is answered from `items` and
 * `store` (filtering as the core does it: case-insensitive substring, status, ids).
 */
export function installBackend(
  items: Partnership[] = [],
  handlers: Record<string, Handler> = {},
  store: Partial<Store> = {},
): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    settings: { language: 'sv' },
    partnerships: items,
    organisations: store.organisations ?? [],
    people: store.people ?? [],
    memberships: store.memberships ?? [],
    goals: store.goals ?? {},
    callsOf(cmd) {
      return this.calls.filter((c) => c.cmd === cmd);
    },
  };
  const input = <T>(args: Record<string, unknown> | undefined): T => args?.input as T;

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
      case 'load_demo_data':
        return { partnerships: 0 };
      case 'list_partnerships': {
        const query = input<PartnershipQuery>(args);
        const needle = query.search.toLowerCase();
        return backend.partnerships
          .filter(
            (p) =>
              p.name.toLowerCase().includes(needle) &&
              (query.kind === null || p.kind === query.kind) &&
              (query.status === 'all' || p.archived === (query.status === 'archived')),
          )
          .map((p): PartnershipSummary => ({
            id: p.id,
            name: p.name,
            kind: p.kind,
            phase: p.phase,
            startDate: p.startDate,
            endDate: p.endDate,
            region: p.region,
            organisationCount: backend.memberships.filter((m) => m.partnershipId === p.id).length,
            archived: p.archived,
            createdAt: p.createdAt,
          }));
      }
      case 'get_partnership': {
        const { id } = input<{ id: number }>(args);
        const p = backend.partnerships.find((x) => x.id === id) ?? notFound();
        const memberships = backend.memberships.filter((m) => m.partnershipId === id);
        const orgIds = new Set(memberships.map((m) => m.organisationId));
        const owner = backend.organisations.find((o) => o.id === p.projectOwnerId);
        const contact = backend.people.find((x) => x.id === p.contactPersonId);
        return {
          partnership: p,
          goals: backend.goals[id] ?? [],
          projectOwner: owner ? { id: owner.id, name: owner.name } : null,
          contactPerson: contact ? { id: contact.id, name: contact.name } : null,
          memberships,
          people: backend.people
            .filter((x) => x.organisationId !== null && orgIds.has(x.organisationId))
            .map(summaryOf),
        } satisfies PartnershipDetail;
      }
      case 'create_partnership': {
        const draft = input<PartnershipDraft>(args);
        const id = Math.max(0, ...backend.partnerships.map((p) => p.id)) + 1;
        const created = fromDraft(draft, partnership({ id }));
        backend.partnerships.push(created);
        backend.goals[id] = draft.goals;
        return created;
      }
      case 'update_partnership': {
        const { id, draft } = input<{ id: number; draft: PartnershipDraft }>(args);
        const index = backend.partnerships.findIndex((p) => p.id === id);
        if (index < 0) notFound();
        const updated = fromDraft(draft, backend.partnerships[index]);
        backend.partnerships[index] = updated;
        backend.goals[id] = draft.goals;
        return updated;
      }
      case 'set_partnership_archived': {
        const { id, archived } = input<{ id: number; archived: boolean }>(args);
        const p = backend.partnerships.find((x) => x.id === id) ?? notFound();
        p.archived = archived;
        return { ...p };
      }
      case 'list_organisations': {
        const query = input<OrganisationQuery>(args);
        const needle = query.search.toLowerCase();
        return backend.organisations.filter(
          (o) =>
            (o.name.toLowerCase().includes(needle) || (o.code ?? '').includes(needle)) &&
            (query.kind === null || o.kind === query.kind) &&
            (query.includeArchived || !o.archived),
        );
      }
      case 'get_organisation': {
        const { id } = input<{ id: number }>(args);
        return backend.organisations.find((o) => o.id === id) ?? notFound();
      }
      case 'organisation_memberships': {
        const { id } = input<{ id: number }>(args);
        return backend.memberships.filter((m) => m.organisationId === id);
      }
      case 'organisation_dependents': {
        const { id } = input<{ id: number }>(args);
        return {
          memberships: backend.memberships.filter((m) => m.organisationId === id).length,
          people: backend.people.filter((x) => x.organisationId === id).length,
        };
      }
      case 'set_organisation_archived': {
        const { id, archived } = input<{ id: number; archived: boolean }>(args);
        const o = backend.organisations.find((x) => x.id === id) ?? notFound();
        o.archived = archived;
        return { ...o };
      }
      case 'delete_organisation': {
        const { id } = input<{ id: number }>(args);
        backend.organisations = backend.organisations.filter((o) => o.id !== id);
        return null;
      }
      case 'list_people': {
        const query = input<PersonQuery>(args);
        const needle = query.search.toLowerCase();
        const members = new Set(
          backend.memberships
            .filter((m) => m.partnershipId === query.partnershipId)
            .map((m) => m.organisationId),
        );
        return backend.people
          .filter(
            (x) =>
              [x.name, x.title, x.email ?? ''].some((s) => s.toLowerCase().includes(needle)) &&
              (query.organisationId === null || x.organisationId === query.organisationId) &&
              (query.level === null || x.level === query.level) &&
              (query.partnershipId === null ||
                (x.organisationId !== null && members.has(x.organisationId))),
          )
          .map(summaryOf);
      }
      case 'get_person': {
        const { id } = input<{ id: number }>(args);
        return backend.people.find((x) => x.id === id) ?? notFound();
      }
      default:
        throw { code: 'not_found', field: null, message: `no fake for ${cmd}` };
    }
  });
  return backend;
}
