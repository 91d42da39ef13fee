// The fake core's agenda templates, attachments and logos (spread into fakeCore.ts): it keeps
// what it is given and gives it back. Its only rules are the ones a page's buttons show:
// the templates that fit a meeting come best first (same partnership and kind, then
// kind, then partnership, then any), and the last meeting is the latest earlier one of
// the partnership with an agenda. Sizes, limits and files are the core's (tests/core).
import type { AgendaTemplate } from '../lib/bindings/AgendaTemplate';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { FakeBackend, Handlers } from './fakeBackend';
import { coreError, meetingOf, nextId } from './fakeRecords';

type AgendaFileCommands =
  | 'list_agenda_templates'
  | 'create_agenda_template'
  | 'update_agenda_template'
  | 'delete_agenda_template'
  | 'save_agenda_as_template'
  | 'agenda_choices'
  | 'apply_agenda'
  | 'list_attachments'
  | 'add_attachment'
  | 'remove_attachment'
  | 'open_attachment'
  | 'get_logos'
  | 'set_logo'
  | 'remove_logo';

function rank(t: AgendaTemplate): number {
  if (t.partnershipId !== null && t.meetingKind !== null) return 0;
  if (t.meetingKind !== null) return 1;
  return t.partnershipId !== null ? 2 : 3;
}

export function agendaFileHandlers(b: FakeBackend): Pick<Handlers, AgendaFileCommands> {
  const template = (id: number): AgendaTemplate => {
    const found = b.agendaTemplates.find((t) => t.id === id);
    if (!found) throw coreError('not_found', 'templateId');
    return found;
  };
  const lastMeeting = (d: MeetingDetail) =>
    b.meetings
      .filter(
        (x) =>
          x.meeting.partnershipId === d.meeting.partnershipId &&
          x.agenda.length > 0 &&
          (x.meeting.date < d.meeting.date ||
            (x.meeting.date === d.meeting.date && x.meeting.id < d.meeting.id)),
      )
      .sort((x, y) => (x.meeting.date < y.meeting.date ? 1 : -1))[0];
  const logosOf = (partnershipId: number | null) => ({
    installation: b.logos.installation,
    partnership: partnershipId === null ? null : (b.logos.partnerships[partnershipId] ?? null),
  });
  return {
    list_agenda_templates: ({ partnershipId }) =>
      b.agendaTemplates.filter(
        (t) =>
          partnershipId === null || t.partnershipId === null || t.partnershipId === partnershipId,
      ),
    create_agenda_template: (draft) => {
      const created = { id: nextId(b.agendaTemplates.map((t) => t.id)), ...draft };
      b.agendaTemplates.push(created);
      return created;
    },
    update_agenda_template: ({ id, draft }) => {
      const updated = { ...template(id), ...draft };
      b.agendaTemplates = b.agendaTemplates.map((t) => (t.id === id ? updated : t));
      return updated;
    },
    delete_agenda_template: ({ id }) => {
      template(id);
      b.agendaTemplates = b.agendaTemplates.filter((t) => t.id !== id);
      return null;
    },
    save_agenda_as_template: ({ meetingId, name, forPartnership, forKind }) => {
      const d = meetingOf(b, meetingId);
      if (d.agenda.length === 0) throw coreError('agenda_empty', 'meetingId');
      const created: AgendaTemplate = {
        id: nextId(b.agendaTemplates.map((t) => t.id)),
        partnershipId: forPartnership ? d.meeting.partnershipId : null,
        meetingKind: forKind ? d.meeting.kind : null,
        name,
        items: d.agenda.map(({ title, notes }) => ({ title, notes })),
      };
      b.agendaTemplates.push(created);
      return created;
    },
    agenda_choices: ({ id }) => {
      const d = meetingOf(b, id);
      const templates = b.agendaTemplates
        .filter(
          (t) =>
            (t.partnershipId === null || t.partnershipId === d.meeting.partnershipId) &&
            (t.meetingKind === null || t.meetingKind === d.meeting.kind),
        )
        .sort((x, y) => rank(x) - rank(y) || x.name.localeCompare(y.name));
      const last = lastMeeting(d);
      return {
        templates,
        lastMeeting: last
          ? {
              id: last.meeting.id,
              kind: last.meeting.kind,
              title: last.meeting.title,
              date: last.meeting.date,
              items: last.agenda.length,
            }
          : null,
      };
    },
    apply_agenda: ({ meetingId, from, replace }) => {
      const d = meetingOf(b, meetingId);
      if (!replace && d.agenda.length > 0) throw coreError('agenda_not_empty', 'meetingId');
      if (from.source === 'template') {
        const none = { presenterOrganisationId: null, presenterPersonId: null };
        d.agenda = template(from.templateId).items.map((i) => ({ ...none, ...i }));
      } else {
        const last = lastMeeting(d);
        if (!last) throw coreError('not_found', 'from');
        d.agenda = last.agenda.map((i) => ({ ...i }));
      }
      return d.agenda;
    },
    list_attachments: ({ id }) => {
      meetingOf(b, id);
      return b.attachments.filter((a) => a.meetingId === id);
    },
    add_attachment: ({ meetingId, agendaPosition, fileName, contentBase64 }) => {
      meetingOf(b, meetingId);
      const added = {
        id: nextId(b.attachments.map((a) => a.id)),
        meetingId,
        agendaPosition: agendaPosition ?? null,
        fileName,
        sizeBytes: Math.floor((contentBase64.length * 3) / 4),
        addedAt: '2026-11-30T10:00:00.000Z',
      };
      b.attachments.push(added);
      return added;
    },
    remove_attachment: ({ id }) => {
      b.attachments = b.attachments.filter((a) => a.id !== id);
      return null;
    },
    open_attachment: ({ id }) => {
      if (!b.attachments.some((a) => a.id === id)) throw coreError('not_found');
      return null;
    },
    get_logos: ({ partnershipId }) => logosOf(partnershipId ?? null),
    set_logo: ({ partnershipId, fileName, contentBase64 }) => {
      const png = contentBase64.startsWith('iVBORw0KGgo');
      if (!png && !contentBase64.startsWith('/9j/')) throw coreError('invalid_file', 'file');
      const logo = {
        fileName,
        mediaType: png ? 'image/png' : 'image/jpeg',
        sizeBytes: Math.floor((contentBase64.length * 3) / 4),
        width: 120,
        height: 40,
        contentBase64,
      };
      if (partnershipId == null) b.logos.installation = logo;
      else b.logos.partnerships[partnershipId] = logo;
      return logosOf(partnershipId ?? null);
    },
    remove_logo: ({ partnershipId }) => {
      if (partnershipId == null) b.logos.installation = null;
      else delete b.logos.partnerships[partnershipId];
      return logosOf(partnershipId ?? null);
    },
  };
}
