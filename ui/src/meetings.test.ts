// The meeting page against the fake core: the record's sections, autosave, actions and
// follow-ups. Long because each section's journey is one test; they share one set-up.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import {
  action,
  installBackend,
  meeting,
  meetingDetail,
  membership,
  organisation,
  partnership,
  person,
  type Store,
} from './test/fakeBackend';
import type { MeetingDetail } from './lib/bindings/MeetingDetail';
import type { PlannedMeeting } from './lib/bindings/PlannedMeeting';
import type { Statistics } from './lib/bindings/Statistics';

function meetings(): MeetingDetail[] {
  const first = meetingDetail(meeting({ id: 1, number: 1, date: '2027-03-16' }), {
    attendance: [
      {
        personId: 1,
        name: 'Anna Andersson',
        organisationId: 1,
        organisationName: 'Umeå kommun',
        gender: 'woman',
        status: null,
      },
    ],
    followUps: [
      {
        action: action({
          id: 7,
          meetingId: 9,
          meetingKind: 'startup',
          meetingNumber: null,
          meetingDate: '2027-02-02',
          organisationId: 1,
          organisationName: 'Umeå kommun',
          description: 'Införa gemensam mall',
          status: 'ongoing',
        }),
        statusBefore: 'ongoing',
        history: [
          {
            meetingId: 9,
            meetingKind: 'startup',
            meetingNumber: null,
            meetingDate: '2027-02-02',
            status: 'ongoing',
            note: 'Påbörjad',
          },
        ],
        here: null,
      },
    ],
    next: { id: 2, kind: 'learning', number: 2, title: '', date: '2027-05-11' },
  });
  const second = meetingDetail(meeting({ id: 2, number: 2, date: '2027-05-11' }), {
    previous: { id: 1, kind: 'learning', number: 1, title: '', date: '2027-03-16' },
  });
  return [first, second];
}

/** The learning cycle the core proposes from 2027-08-17. */
const cycle: PlannedMeeting[] = [
  { kind: 'startup', number: null, date: '2027-08-17' },
  { kind: 'learning', number: 1, date: '2027-09-14' },
  { kind: 'learning', number: 2, date: '2027-10-12' },
  { kind: 'results_conference', number: null, date: '2027-11-16' },
];

function store(extra: Partial<Store> = {}): Partial<Store> {
  return {
    organisations: [organisation()],
    people: [person({ organisationId: 1, organisationName: 'Umeå kommun', gender: 'woman' })],
    memberships: [membership()],
    meetings: meetings(),
    ...extra,
  };
}

async function startApp(options: Parameters<typeof userEvent.setup>[0] = {}) {
  const user = userEvent.setup(options);
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

async function openPartnership(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Benchlearning Norr' }));
  await screen.findByRole('heading', { level: 2, name: /^Möten \(/ });
}

async function openMeeting(user: ReturnType<typeof userEvent.setup>) {
  await openPartnership(user);
  await user.click(await screen.findByRole('button', { name: /^Lärandeträff 1/ }));
  const heading = await screen.findByRole('heading', { level: 1, name: 'Lärandeträff 1' });
  await waitFor(() => expect(heading).toHaveFocus());
}

afterEach(() => {
  vi.useRealTimers();
});

describe('meetings', () => {
  it('lists the meetings on the partnership page', async () => {
    installBackend([partnership()], {}, store());
    const user = await startApp();
    await openPartnership(user);
    expect(screen.getByRole('heading', { level: 2, name: 'Möten (2)' })).toBeInTheDocument();
    const button = screen.getByRole('button', { name: /^Lärandeträff 1/ });
    expect(button).toHaveTextContent('2027-03-16');
    expect(button).toHaveTextContent('0 deltagare');
    expect(button).toHaveTextContent('0 öppna åtgärder');
    for (const name of ['Planera lärcykel', 'Nytt möte', 'Statistik']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('proposes a cycle and saves the adjusted dates', async () => {
    const backend = installBackend(
      [partnership()],
      { propose_cycle: () => cycle },
      store({ meetings: [] }),
    );
    const user = await startApp();
    await openPartnership(user);
    await user.click(screen.getByRole('button', { name: 'Planera lärcykel' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Planera lärcykel' }),
    ).toHaveFocus();

    await user.type(screen.getByLabelText('Startdatum'), '2027-08-17');
    await user.click(screen.getByRole('button', { name: 'Föreslå datum' }));
    expect(backend.callsOf('propose_cycle')[0].args).toEqual({
      input: { partnershipId: 1, startDate: '2027-08-17' },
    });
    expect(await screen.findByLabelText('Datum för Uppstartsmöte')).toHaveValue('2027-08-17');
    const first = screen.getByLabelText('Datum för Lärandeträff 1');
    expect(first).toHaveValue('2027-09-14');
    await user.clear(first);
    await user.type(first, '2027-09-15');
    await user.click(screen.getByRole('button', { name: 'Spara mötena' }));

    await screen.findByRole('heading', { level: 2, name: 'Möten (4)' });
    expect(backend.callsOf('save_cycle')[0].args).toEqual({
      input: {
        partnershipId: 1,
        meetings: [
          { kind: 'startup', number: null, date: '2027-08-17' },
          { kind: 'learning', number: 1, date: '2027-09-15' },
          { kind: 'learning', number: 2, date: '2027-10-12' },
          { kind: 'results_conference', number: null, date: '2027-11-16' },
        ],
      },
    });
    expect(await screen.findByText('4 möten har lagts till.')).toBeInTheDocument();
  });

  it('shows a cycle error at the date it names', async () => {
    installBackend(
      [partnership()],
      {
        propose_cycle: () => cycle,
        save_cycle: () => {
          throw { code: 'invalid_date', field: 'meetings.2.date', message: 'bad' };
        },
      },
      store({ meetings: [] }),
    );
    const user = await startApp();
    await openPartnership(user);
    await user.click(screen.getByRole('button', { name: 'Planera lärcykel' }));
    await user.type(await screen.findByLabelText('Startdatum'), '2027-08-17');
    await user.click(screen.getByRole('button', { name: 'Föreslå datum' }));
    await user.click(await screen.findByRole('button', { name: 'Spara mötena' }));
    const field = screen.getByLabelText('Datum för Lärandeträff 2');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('ÅÅÅÅ-MM-DD, till exempel'));
    await waitFor(() => expect(field).toHaveFocus());
  });

  it('creates a meeting and opens it', async () => {
    const backend = installBackend([partnership()], {}, store({ meetings: [] }));
    const user = await startApp();
    await openPartnership(user);
    await user.click(screen.getByRole('button', { name: 'Nytt möte' }));
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte' });
    await user.selectOptions(screen.getByLabelText('Typ'), 'Studiebesök');
    await user.type(screen.getByLabelText('Datum'), '2027-04-20');
    await user.type(screen.getByLabelText('Rubrik'), 'Umeå');
    await user.click(screen.getByRole('button', { name: 'Skapa mötet' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Studiebesök – Umeå' }),
    ).toBeInTheDocument();
    expect(backend.callsOf('create_meeting')[0].args).toMatchObject({
      input: {
        partnershipId: 1,
        draft: { kind: 'study_visit', date: '2027-04-20', title: 'Umeå' },
      },
    });
    expect(screen.getByRole('group', { name: 'Besökande organisationer' })).toBeInTheDocument();
  });

  it('autosaves a reflection after a pause, once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = installBackend([partnership()], {}, store());
    const user = await startApp({ advanceTimers: vi.advanceTimersByTime });
    await openMeeting(user);

    await user.type(screen.getByLabelText('Vad kan vi lära?'), 'Dela mallar');
    expect(backend.callsOf('update_meeting')).toHaveLength(0);
    expect(screen.getByText('Sparar …')).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(800);
    await waitFor(() => expect(backend.callsOf('update_meeting')).toHaveLength(1));
    expect(backend.callsOf('update_meeting')[0].args).toMatchObject({
      input: { id: 1, draft: { reflectionLearn: 'Dela mallar', kind: 'learning', number: 1 } },
    });
    expect(await screen.findByText('Alla ändringar är sparade')).toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(2000);
    expect(backend.callsOf('update_meeting')).toHaveLength(1);
  });

  it('saves the notes when leaving the page', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await startApp();
    await openMeeting(user);
    await user.type(screen.getByLabelText('Anteckningar från mötet'), 'Bra möte');
    // A click that does not move focus: only leaving the page can save.
    await fireEvent.click(screen.getByRole('button', { name: 'Nästa möte' }));
    await screen.findByRole('heading', { level: 1, name: 'Lärandeträff 2' });
    await waitFor(() => expect(backend.callsOf('update_meeting')).toHaveLength(1));
    expect(backend.callsOf('update_meeting')[0].args).toMatchObject({
      input: { id: 1, draft: { notes: 'Bra möte' } },
    });
    expect(screen.getByRole('button', { name: 'Föregående möte' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Nästa möte' })).toBeDisabled();
  });

  it('shows a failed autosave next to the field and keeps the text', async () => {
    const backend = installBackend(
      [partnership()],
      {
        update_meeting: () => {
          throw { code: 'invalid_time', field: 'startTime', message: 'bad time' };
        },
      },
      store(),
    );
    const user = await startApp();
    await openMeeting(user);
    const start = screen.getByLabelText('Starttid');
    await user.type(start, '9.30');
    await user.tab();

    const alert = await screen.findByText('Skriv tiden som TT:MM, till exempel 09:30.');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(start).toHaveAttribute('aria-invalid', 'true');
    expect(start.getAttribute('aria-describedby')).toContain(alert.id);
    expect(start).toHaveValue('9.30');
    expect(backend.callsOf('update_meeting')[0].args).toMatchObject({
      input: { draft: { startTime: '9.30' } },
    });

    // Other parts keep saving.
    await user.click(screen.getByRole('button', { name: 'Lägg till beslut' }));
    await user.type(screen.getByLabelText('Beslut 1'), 'Nästa träff i Luleå');
    await user.tab();
    await waitFor(() =>
      expect(backend.callsOf('set_decisions').at(-1)?.args).toEqual({
        input: { meetingId: 1, decisions: ['Nästa träff i Luleå'] },
      }),
    );
    expect(start).toHaveValue('9.30');
  });

  it('saves a digital meeting’s link and shows it as text to copy', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await startApp();
    await openMeeting(user);
    const field = screen.getByLabelText('Länk till digitalt möte');
    expect(field).toHaveAttribute('type', 'url');
    expect(field).toHaveAccessibleDescription('Lämna tomt om mötet inte är digitalt.');
    await user.type(field, 'https://meet.example.se/dropin-3');
    await user.tab();
    await waitFor(() =>
      expect(backend.callsOf('update_meeting').at(-1)?.args).toMatchObject({
        input: { id: 1, draft: { onlineLink: 'https://meet.example.se/dropin-3' } },
      }),
    );
    const shown = await screen.findByText('https://meet.example.se/dropin-3', {
      selector: '.selectable-link',
    });
    expect(shown.closest('p')).toHaveTextContent('Digitalt möte: https://meet.example.se/dropin-3');
    expect(screen.queryByRole('link', { name: /meet\.example\.se/ })).not.toBeInTheDocument();
  });

  it('shows a refused link next to its field and keeps the text', async () => {
    const backend = installBackend(
      [partnership()],
      {
        update_meeting: () => {
          throw { code: 'invalid_link', field: 'onlineLink', message: 'not a web address' };
        },
      },
      store(),
    );
    const user = await startApp();
    await openMeeting(user);
    const field = screen.getByLabelText('Länk till digitalt möte');
    await user.type(field, 'teams möte');
    await user.tab();
    const alert = await screen.findByText(
      'Skriv en webbadress som börjar med https://, till exempel https://teams.microsoft.com/…',
    );
    expect(alert).toHaveAttribute('role', 'alert');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(field).toHaveValue('teams möte');
    expect(backend.callsOf('update_meeting')[0].args).toMatchObject({
      input: { draft: { onlineLink: 'teams möte' } },
    });
    expect(document.querySelector('.selectable-link')).toBeNull();
  });

  it('creates a digital meeting with its link, or shows a refused link at its field', async () => {
    const backend = installBackend([partnership()], {}, store({ meetings: [] }));
    const user = await startApp();
    await openPartnership(user);
    await user.click(screen.getByRole('button', { name: 'Nytt möte' }));
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte' });
    await user.type(screen.getByLabelText('Datum'), '2027-04-20');
    const field = screen.getByLabelText('Länk till digitalt möte');
    await user.type(field, 'ftp://x');
    backend.failNext('create_meeting', 'invalid_link', 'onlineLink');
    await user.click(screen.getByRole('button', { name: 'Skapa mötet' }));
    const alert = await screen.findByText(
      'Skriv en webbadress som börjar med https://, till exempel https://teams.microsoft.com/…',
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    await waitFor(() => expect(field).toHaveFocus());

    await user.clear(field);
    await user.type(field, 'https://meet.example.se/dropin-3');
    await user.click(screen.getByRole('button', { name: 'Skapa mötet' }));
    await screen.findByRole('heading', { level: 1, name: /^Lärandeträff/ });
    expect(backend.callsOf('create_meeting').at(-1)?.args).toMatchObject({
      input: { draft: { date: '2027-04-20', onlineLink: 'https://meet.example.se/dropin-3' } },
    });
    expect(
      screen.getByText('https://meet.example.se/dropin-3', { selector: '.selectable-link' }),
    ).toBeInTheDocument();
  });

  it('records attendance at once', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await startApp();
    await openMeeting(user);
    await user.selectOptions(screen.getByLabelText('Närvaro för Anna Andersson'), 'Närvarande');
    await waitFor(() =>
      expect(backend.callsOf('set_attendance')[0]?.args).toEqual({
        input: { meetingId: 1, entries: [{ personId: 1, status: 'attended' }] },
      }),
    );
    expect(
      await screen.findByText(
        /^Närvarande totalt: 1, varav 1 ur registret och 0 ej registrerade\./,
      ),
    ).toBeInTheDocument();
  });

  it('saves a follow-up of an earlier action', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await startApp();
    await openMeeting(user);
    const group = within(screen.getByRole('group', { name: 'Införa gemensam mall' }));
    expect(group.getByText('Uppstartsmöte (2027-02-02): Pågår – Påbörjad')).toBeInTheDocument();
    expect(group.getByLabelText('Status nu')).toHaveValue('ongoing');
    await user.selectOptions(group.getByLabelText('Status nu'), 'Klar');
    await user.type(group.getByLabelText('Uppföljning'), 'Mallen används');
    await user.click(group.getByRole('button', { name: 'Spara uppföljning' }));
    expect(await screen.findByText('Uppföljningen har sparats.')).toBeInTheDocument();
    expect(backend.callsOf('record_follow_up')[0].args).toEqual({
      input: { actionId: 7, meetingId: 1, status: 'done', note: 'Mallen används' },
    });
  });

  it('adds an improvement action', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await startApp();
    await openMeeting(user);
    const form = within(
      screen.getByRole('button', { name: 'Lägg till åtgärd' }).closest('form') as HTMLElement,
    );
    await waitFor(() =>
      expect(form.getByRole('option', { name: 'Umeå kommun' })).toBeInTheDocument(),
    );
    await user.selectOptions(form.getByLabelText('Organisation'), 'Umeå kommun');
    await user.type(form.getByLabelText('Åtgärd'), 'Ta fram checklista');
    await user.type(form.getByLabelText('Klart senast'), '2027-06-30');
    await user.click(form.getByRole('button', { name: 'Lägg till åtgärd' }));
    expect(await screen.findByText('Åtgärden har lagts till.')).toBeInTheDocument();
    expect(backend.callsOf('create_action')[0].args).toEqual({
      input: {
        meetingId: 1,
        draft: {
          organisationId: 1,
          description: 'Ta fram checklista',
          responsiblePersonId: null,
          dueDate: '2027-06-30',
          status: 'planned',
        },
      },
    });
    expect(screen.getByText('Ta fram checklista')).toBeInTheDocument();
    expect(form.getByLabelText('Åtgärd')).toHaveValue('');
  });

  it('searches meetings and opens a hit', async () => {
    const backend = installBackend(
      [partnership()],
      {},
      store({
        searchHits: [
          {
            meetingId: 1,
            meetingKind: 'learning',
            meetingNumber: 1,
            meetingTitle: '',
            meetingDate: '2027-03-16',
            partnershipName: 'Benchlearning Norr',
            source: 'notes',
            snippet: 'Vi tar fram en gemensam \u0002mall\u0003 <b>snart</b>.',
          },
        ],
      }),
    );
    const user = await startApp();
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Sök' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sök i möten' })).toHaveFocus();
    await user.type(screen.getByLabelText('Sök'), 'mall');
    expect(await screen.findByText('1 träff')).toBeInTheDocument();
    const mark = document.querySelector('mark');
    expect(mark).toHaveTextContent('mall');
    expect(mark?.parentElement).toHaveTextContent('Vi tar fram en gemensam mall <b>snart</b>.');
    expect(screen.getByText(/Anteckningar/)).toBeInTheDocument();
    expect(backend.callsOf('search').at(-1)?.args).toEqual({
      input: { text: 'mall', partnershipId: null },
    });
    await user.click(screen.getByRole('button', { name: /^Lärandeträff 1/ }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Lärandeträff 1' }),
    ).toBeInTheDocument();
  });

  it('shows statistics as a table and a chart', async () => {
    const statistics: Statistics = {
      activities: [
        {
          meetingId: 1,
          kind: 'learning',
          number: 1,
          title: '',
          date: '2027-03-16',
          attended: { women: 3, men: 2, other: 0, notStated: 1, total: 6 },
        },
        {
          meetingId: 2,
          kind: 'learning',
          number: 2,
          title: '',
          date: '2027-05-11',
          attended: { women: 4, men: 1, other: 1, notStated: 0, total: 6 },
        },
      ],
      organisations: [
        {
          organisationId: 1,
          organisationName: 'Umeå kommun',
          invited: 2,
          attended: 5,
          absent: 1,
          meetingsAttended: 2,
        },
      ],
      total: { women: 7, men: 3, other: 1, notStated: 1, total: 12 },
    };
    installBackend([partnership()], {}, store({ statistics }));
    const user = await startApp();
    await openPartnership(user);
    await user.click(screen.getByRole('button', { name: 'Statistik' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Statistik – Benchlearning Norr' }),
    ).toHaveFocus();
    const table = screen.getByRole('table', { name: 'Deltagare per aktivitet' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map((c) => c.textContent?.trim()),
    ).toEqual(['2027-03-16', '3', '2', '0', '1', '6']);
    expect(rows[3]).toHaveTextContent('Totalt');
    expect(rows[3]).toHaveTextContent('12');

    const chart = screen.getByRole('img', { name: 'Diagram: deltagare per aktivitet' });
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('tabellen ovan'));
    // Non-zero segments only: 3 + 3 bars.
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(6);
    expect(chart).toHaveTextContent('Antal deltagare');
    expect(screen.getByRole('list', { name: 'Teckenförklaring' })).toHaveTextContent('Kvinnor');

    const orgTable = screen.getByRole('table', { name: 'Närvaro per organisation' });
    expect(within(orgTable).getByRole('rowheader', { name: 'Umeå kommun' })).toBeInTheDocument();
  });

  it('lists an organisation’s improvement actions with their follow-ups', async () => {
    installBackend(
      [partnership()],
      {},
      store({
        organisationActions: {
          1: [
            {
              action: action({ description: 'Införa gemensam mall', status: 'done' }),
              partnershipName: 'Benchlearning Norr',
              history: [
                {
                  meetingId: 2,
                  meetingKind: 'learning',
                  meetingNumber: 2,
                  meetingDate: '2027-08-24',
                  status: 'done',
                  note: 'Mallen används',
                },
              ],
            },
          ],
        },
      }),
    );
    const user = await startApp();
    await user.click(
      within(screen.getByRole('navigation')).getByRole('button', { name: 'Organisationer' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Umeå kommun' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Förbättringsåtgärder' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Införa gemensam mall')).toBeInTheDocument();
    expect(
      screen.getByText('Lärandeträff 2 (2027-08-24): Klar – Mallen används'),
    ).toBeInTheDocument();
  });
});
