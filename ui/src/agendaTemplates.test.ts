import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend, meeting, meetingDetail, partnership } from './test/fakeBackend';
import { oneMeetingStore, openMeeting, openPartnership } from './test/meetingPage';
import type { AgendaItem } from './lib/bindings/AgendaItem';
import type { AgendaTemplate } from './lib/bindings/AgendaTemplate';

function template(overrides: Partial<AgendaTemplate> = {}): AgendaTemplate {
  return {
    id: 1,
    partnershipId: 1,
    meetingKind: 'learning',
    name: 'Lärandeträff',
    items: [
      { title: 'Incheckning', notes: '' },
      { title: 'Utvecklande reflektion', notes: 'Tre frågor' },
    ],
    ...overrides,
  };
}

function item(title: string): AgendaItem {
  return { title, notes: '', presenterOrganisationId: null, presenterPersonId: null };
}

/** Learning meeting 1 (id 4) and, before it, a workshop with an agenda. */
function twoMeetings(agenda: AgendaItem[] = []) {
  const store = oneMeetingStore();
  store.meetings = [
    meetingDetail(meeting({ id: 3, kind: 'workshop', number: null, date: '2027-02-01' }), {
      agenda: [item('Förra punkten')],
    }),
    meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }), { agenda }),
  ];
  return store;
}

/** The agenda's item titles, as the agenda section shows them. */
const titles = () =>
  within(screen.getByRole('region', { name: 'Dagordning' }))
    .queryAllByLabelText('Rubrik')
    .map((input) => (input as HTMLInputElement).value);

describe('The agenda from a template or the last meeting', () => {
  it('fills an empty agenda from the best template, offered first', async () => {
    const backend = installBackend(
      [partnership()],
      {},
      {
        ...twoMeetings(),
        agendaTemplates: [
          template({ id: 2, name: 'Allmän', partnershipId: null, meetingKind: null }),
          template(),
        ],
      },
    );
    const user = await openMeeting();

    const start = await screen.findByRole('group', { name: 'Börja från' });
    const choice = await within(start).findByLabelText('Mall');
    expect(
      within(choice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Lärandeträff', 'Allmän']);
    await user.click(within(start).getByRole('button', { name: 'Hämta dagordning från mall' }));

    await waitFor(() => expect(titles()).toEqual(['Incheckning', 'Utvecklande reflektion']));
    expect(backend.callsOf('apply_agenda')[0].args).toEqual({
      input: { meetingId: 4, from: { source: 'template', templateId: 1 }, replace: false },
    });
    // Already saved by the core: no second save of the same agenda.
    expect(backend.callsOf('set_agenda')).toHaveLength(0);
  });

  it('asks before the last meeting’s agenda replaces items already there', async () => {
    const backend = installBackend([partnership()], {}, twoMeetings([item('Egen punkt')]));
    const user = await openMeeting();

    const start = await screen.findByRole('group', { name: 'Börja från' });
    await within(start).findByText(/Förra träffen: Workshop eller seminarium den 2027-02-01/);
    expect(within(start).getByText(/1 punkt\)/)).toBeInTheDocument();
    await user.click(
      within(start).getByRole('button', { name: 'Kopiera förra träffens dagordning' }),
    );
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    expect(backend.callsOf('apply_agenda')).toHaveLength(0);
    expect(titles()).toEqual(['Egen punkt']);

    await user.click(
      within(start).getByRole('button', { name: 'Kopiera förra träffens dagordning' }),
    );
    await user.click(screen.getByRole('button', { name: 'Ersätt dagordningen' }));
    await waitFor(() => expect(titles()).toEqual(['Förra punkten']));
    expect(backend.callsOf('apply_agenda')[0].args).toEqual({
      input: { meetingId: 4, from: { source: 'last_meeting' }, replace: true },
    });
  });

  it('saves the agenda as a template for the partnership and the type of meeting', async () => {
    const backend = installBackend([partnership()], {}, twoMeetings([item('Välkommen')]));
    const user = await openMeeting();

    await user.click(await screen.findByRole('button', { name: 'Spara som mall' }));
    await user.type(screen.getByLabelText('Mallens namn'), 'Min lärandeträff');
    await user.click(screen.getByRole('checkbox', { name: 'Bara för det här partnerskapet' }));
    await user.click(screen.getByRole('button', { name: 'Spara mallen' }));

    await waitFor(() => expect(backend.agendaTemplates).toHaveLength(1));
    expect(backend.callsOf('save_agenda_as_template')[0].args).toEqual({
      input: { meetingId: 4, name: 'Min lärandeträff', forPartnership: false, forKind: true },
    });
    expect(backend.agendaTemplates[0].items).toEqual([{ title: 'Välkommen', notes: '' }]);
    // The new template is offered at once.
    const start = screen.getByRole('group', { name: 'Börja från' });
    expect(await within(start).findByRole('option', { name: 'Min lärandeträff' })).toBeVisible();
  });
});

describe('Agenda templates on the partnership page', () => {
  it('creates a template, shows its items and deletes it after a confirm', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openPartnership();

    const section = await screen.findByRole('region', { name: 'Dagordningsmallar' });
    expect(within(section).getByText('Inga mallar ännu.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Ny mall' }));
    await user.type(within(section).getByLabelText('Namn'), 'Styrgruppsmöte');
    await user.selectOptions(within(section).getByLabelText('Typ av träff'), 'Annat möte');
    await user.type(within(section).getByLabelText('Rubrik, punkt 1'), 'Beslut om budget');
    await user.click(within(section).getByRole('button', { name: 'Lägg till punkt' }));
    await user.type(within(section).getByLabelText('Rubrik, punkt 2'), 'Nästa möte');
    await user.click(within(section).getByRole('button', { name: 'Spara mallen' }));

    await within(section).findByRole('heading', { name: 'Styrgruppsmöte' });
    expect(backend.callsOf('create_agenda_template')[0].args).toEqual({
      input: {
        partnershipId: 1,
        meetingKind: 'other',
        name: 'Styrgruppsmöte',
        items: [
          { title: 'Beslut om budget', notes: '' },
          { title: 'Nästa möte', notes: '' },
        ],
      },
    });
    expect(
      within(section).getByText(/Det här partnerskapet · Annat möte · 2 punkter/),
    ).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Ta bort Styrgruppsmöte' }));
    await user.click(screen.getByRole('button', { name: 'Ta bort mallen' }));
    await within(section).findByText('Inga mallar ännu.');
    expect(backend.agendaTemplates).toEqual([]);
  });

  it('shows a refused name next to its field', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openPartnership();
    backend.failNext('create_agenda_template', 'name_required', 'name');

    const section = await screen.findByRole('region', { name: 'Dagordningsmallar' });
    await user.click(within(section).getByRole('button', { name: 'Ny mall' }));
    const name = within(section).getByLabelText('Namn');
    await user.type(name, ' ');
    await user.click(within(section).getByRole('button', { name: 'Spara mallen' }));

    await waitFor(() => expect(name).toHaveAccessibleDescription(/./));
    expect(backend.agendaTemplates).toEqual([]);
  });
});
