import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import {
  candidate,
  inTurn,
  installBackend,
  meeting,
  meetingDetail,
  pairing,
} from './test/fakeBackend';
import {
  ROUND,
  UMEA,
  VANNAS_UMEA,
  openNewPairing,
  openRound,
  round,
  rounds,
  startApp,
  store,
} from './test/pairingRound';
import { todayIso } from './lib/format';

describe('mentor pairings', () => {
  it('creates a pairing from the partnership page', async () => {
    const backend = installBackend(rounds, {}, store());
    const user = await startApp();
    await openNewPairing(user);

    const selects = ['Deltagare 1', 'Deltagare 2', 'Deltagare 3', 'Mentororganisation'];
    const labels = within(screen.getByRole('main'))
      .getAllByRole('combobox')
      .map((c) => c.getAttribute('id'));
    expect(labels.slice(0, 4)).toEqual([
      'pf-participant-0',
      'pf-participant-1',
      'pf-participant-2',
      'pf-mentor',
    ]);
    for (const label of selects) expect(screen.getByLabelText(label)).toBeInTheDocument();
    // Sorted by name, after the empty choice.
    expect(
      within(screen.getByLabelText('Deltagare 1'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Välj organisation',
      'Nordmalings kommun',
      'Robertsfors kommun',
      'Skellefteå kommun',
      'Umeå kommun',
      'Vännäs kommun',
    ]);

    await user.selectOptions(screen.getByLabelText('Deltagare 1'), 'Vännäs kommun');
    await user.selectOptions(screen.getByLabelText('Deltagare 2'), 'Nordmalings kommun');
    await user.selectOptions(screen.getByLabelText('Mentororganisation'), 'Umeå kommun');

    const mentorContacts = screen.getByRole('group', { name: 'Kontaktpersoner hos mentorn' });
    await user.click(await within(mentorContacts).findByLabelText('Anna Andersson'));
    const participantContacts = screen.getByRole('group', {
      name: 'Kontaktpersoner hos deltagarna',
    });
    const vannas = within(participantContacts).getByRole('group', { name: 'Vännäs kommun' });
    await user.click(await within(vannas).findByLabelText('Bo Berg'));
    // Contact details are personal data: only names are shown.
    expect(participantContacts).not.toHaveTextContent('@');

    await user.type(screen.getByLabelText('Startdatum'), '2027-01-15');
    expect(screen.queryByLabelText('Skäl till att det avbröts')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Anteckningar'), 'Träffas varannan månad.');
    await user.click(screen.getByRole('button', { name: 'Spara mentorparet' }));

    const name = 'Vännäs kommun och Nordmalings kommun med stöd av Umeå kommun';
    expect(await screen.findByRole('heading', { level: 1, name })).toBeInTheDocument();
    expect(backend.callsOf('create_pairing')[0].args).toEqual({
      input: {
        partnershipId: 1,
        mentorOrganisationId: 1,
        participantIds: [2, 3],
        mentorContactIds: [1],
        participantContactIds: [2],
        startDate: '2027-01-15',
        endDate: '',
        status: 'active',
        endReason: '',
        notes: 'Träffas varannan månad.',
      },
    });
    expect(await screen.findByText('Mentorparet har sparats.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Kontaktpersoner' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Anna Andersson' })).toBeInTheDocument();
    expect(screen.getByText('Inga mentorsträffar ännu.')).toBeInTheDocument();
    expect(screen.getByText('Inga öppna åtgärder.')).toBeInTheDocument();
    expect(screen.getByText('Ingen planerad lärandeträff.')).toBeInTheDocument();

    // The round's participants as the core answers them now.
    backend.rounds[1] = {
      mentors: [{ organisationId: 1, name: 'Umeå kommun', capacity: 3, activeParticipants: 2 }],
      participants: [
        { organisationId: 3, name: 'Nordmalings kommun', completedOn: null, mentor: UMEA },
        { organisationId: 2, name: 'Vännäs kommun', completedOn: null, mentor: UMEA },
      ],
    };
    await user.click(screen.getByRole('button', { name: ROUND }));
    const section = await screen.findByRole('region', { name: 'Mentorpar' });
    const item = (await within(section).findByRole('button', { name })).closest('li');
    expect(item).toHaveTextContent('Aktivt · 0 mentorsträffar');
    const participants = within(section).getByRole('group', { name: 'Deltagare i omgången' });
    expect(participants).toHaveTextContent('Mentor: Umeå kommun');
  });

  it('shows capacity_exceeded next to the participant it names and keeps what was typed', async () => {
    const backend = installBackend(rounds, {}, store());
    // The mentor has room for one: the second participant sent is one too many.
    backend.failNext('create_pairing', 'capacity_exceeded', 'participantIds.1');
    const user = await startApp();
    await openNewPairing(user);

    // Deltagare 2 left empty: the second participant sent is Deltagare 3.
    await user.selectOptions(screen.getByLabelText('Deltagare 1'), 'Vännäs kommun');
    await user.selectOptions(screen.getByLabelText('Deltagare 3'), 'Nordmalings kommun');
    await user.selectOptions(screen.getByLabelText('Mentororganisation'), 'Umeå kommun');
    await user.type(screen.getByLabelText('Startdatum'), '2027-01-15');
    await user.click(screen.getByRole('button', { name: 'Spara mentorparet' }));

    const third = screen.getByLabelText('Deltagare 3');
    const message =
      'Mentorn har inte plats för fler deltagare i omgången. Höj mentorns kapacitet eller välj en annan mentor.';
    await waitFor(() => expect(third).toHaveAttribute('aria-invalid', 'true'));
    expect(third).toHaveAccessibleDescription(message);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    await waitFor(() => expect(third).toHaveFocus());
    expect(screen.getByLabelText('Deltagare 1')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Deltagare 1')).toHaveValue('2');
    expect(screen.getByLabelText('Mentororganisation')).toHaveValue('1');
    expect(screen.getByLabelText('Startdatum')).toHaveValue('2027-01-15');
    expect(screen.getByRole('heading', { level: 1, name: 'Nytt mentorpar' })).toBeInTheDocument();
  });

  it('suggests mentors with reasons and fills the select from a suggestion', async () => {
    const backend = installBackend(
      rounds,
      {},
      store({
        suggestions: [
          candidate({
            organisationId: 1,
            name: 'Umeå kommun',
            title: 'model_municipality',
            reasons: [
              {
                kind: 'completed_round',
                partnershipName: 'Modellkommun 2024',
                completedOn: '2025-05-20',
              },
              { kind: 'mentored_before', rounds: 2 },
              { kind: 'same_county', county: 'Västerbottens län' },
            ],
            activeParticipants: 1,
          }),
          candidate({
            organisationId: 4,
            name: 'Skellefteå kommun',
            neverCompleted: true,
            reasons: [{ kind: 'same_cluster', cluster: 'Norra kustlandet' }],
          }),
        ],
      }),
    );
    const user = await startApp();
    await openNewPairing(user);
    const region = screen.getByRole('region', { name: 'Förslag på mentor' });
    await user.selectOptions(screen.getByLabelText('Deltagare 1'), 'Vännäs kommun');
    await waitFor(() =>
      expect(backend.callsOf('mentor_suggestions').at(-1)?.args).toEqual({
        input: { partnershipId: 1, participantIds: [2] },
      }),
    );

    const items = await within(region).findAllByRole('listitem');
    const umea = items.find((li) => li.querySelector('h3')?.textContent === 'Umeå kommun');
    expect(umea).toBeDefined();
    const first = within(umea as HTMLElement);
    expect(first.getByText('Modellkommun')).toBeInTheDocument();
    expect(first.getByText('Genomförde Modellkommun 2024 (2025-05-20)')).toBeInTheDocument();
    expect(first.getByText('Har varit mentor i 2 omgångar')).toBeInTheDocument();
    expect(first.getByText('Samma län: Västerbottens län')).toBeInTheDocument();
    expect(first.getByText('1 av 3 platser')).toBeInTheDocument();
    expect(first.queryByText('Har aldrig genomfört en omgång')).not.toBeInTheDocument();
    expect(within(region).getByText('Samma kluster: Norra kustlandet')).toBeInTheDocument();
    expect(within(region).getByText('Har aldrig genomfört en omgång')).toBeInTheDocument();

    await user.click(
      within(region).getByRole('button', { name: 'Välj Skellefteå kommun som mentor' }),
    );
    const mentor = screen.getByLabelText('Mentororganisation');
    expect(mentor).toHaveValue('4');
    await waitFor(() => expect(mentor).toHaveFocus());
    expect(
      await screen.findByText('Obs! Skellefteå kommun har aldrig genomfört en omgång själv.'),
    ).toBeInTheDocument();

    await user.click(within(region).getByRole('button', { name: 'Välj Umeå kommun som mentor' }));
    expect(mentor).toHaveValue('1');
    expect(screen.queryByText(/har aldrig genomfört en omgång själv/)).not.toBeInTheDocument();
  });

  it('says so when there is nothing to suggest', async () => {
    installBackend(rounds, {}, store());
    const user = await startApp();
    await openNewPairing(user);
    expect(
      await screen.findByText(
        'Inga förslag ännu. Välj deltagare först, eller välj mentor i listan ovan.',
      ),
    ).toBeInTheDocument();
    // A mentor that is not suggested counts as never having completed a round.
    await user.selectOptions(screen.getByLabelText('Mentororganisation'), 'Robertsfors kommun');
    expect(
      await screen.findByText('Obs! Robertsfors kommun har aldrig genomfört en omgång själv.'),
    ).toBeInTheDocument();
  });

  it('marks participants as having completed the round and sets a capacity', async () => {
    const done = '2027-11-20';
    const backend = installBackend(
      rounds,
      {
        // Every participant of the pairing completed: the pairing is completed too.
        set_round_completion: inTurn(
          round('completed', { 2: done, 3: done }),
          round('completed', { 3: done }),
        ),
        set_mentor_capacity: () => round('completed', { 3: done }, 5),
      },
      store({ pairings: [pairing({ partnershipName: ROUND })], rounds: { 1: round('active') } }),
    );
    // A capacity above 20.
    backend.failNext('set_mentor_capacity', 'invalid_number', 'capacity');
    const user = await startApp();
    const section = await openRound(user);
    const participants = within(section).getByRole('group', { name: 'Deltagare i omgången' });
    expect(participants).toHaveTextContent('Mentor: Umeå kommun');
    expect(participants).toHaveTextContent('Ingen mentor');
    const date = within(section).getByLabelText('Datum för genomförandet');
    expect(date).toHaveValue(todayIso());

    // Nothing ticked: the error is at the list, and focus on its first box.
    await user.click(within(section).getByRole('button', { name: 'Markera som genomförda' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'Kryssa i minst en deltagare.',
    );
    await waitFor(() => expect(within(section).getByLabelText('Nordmalings kommun')).toHaveFocus());
    expect(backend.callsOf('set_round_completion')).toHaveLength(0);

    await user.click(within(section).getByLabelText('Nordmalings kommun'));
    await user.click(within(section).getByLabelText('Vännäs kommun'));
    await user.clear(date);
    await user.type(date, '2027-11-20');
    await user.click(within(section).getByRole('button', { name: 'Markera som genomförda' }));

    expect(await screen.findByText('2 deltagare markerade som genomförda')).toHaveAttribute(
      'role',
      'status',
    );
    expect(backend.callsOf('set_round_completion')[0].args).toEqual({
      input: { partnershipId: 1, organisationIds: [3, 2], completedOn: '2027-11-20' },
    });
    expect(within(participants).getAllByText('Genomförd 2027-11-20')).toHaveLength(2);
    expect(within(section).getByLabelText('Vännäs kommun')).not.toBeChecked();
    // Every participant of the pairing completed: the pairing is completed too.
    expect(
      within(section).getByRole('button', { name: VANNAS_UMEA }).closest('li'),
    ).toHaveTextContent('Avslutat');

    await user.click(within(section).getByLabelText('Vännäs kommun'));
    await user.click(within(section).getByRole('button', { name: 'Ta bort markering' }));
    expect(await screen.findByText('Markeringen togs bort för 1 deltagare')).toBeInTheDocument();
    expect(backend.callsOf('set_round_completion')[1].args).toEqual({
      input: { partnershipId: 1, organisationIds: [2], completedOn: '' },
    });
    expect(within(participants).getAllByText('Genomförd 2027-11-20')).toHaveLength(1);

    const table = within(section).getByRole('table', { name: 'Mentorernas platser i omgången' });
    expect(within(table).getByRole('rowheader', { name: 'Umeå kommun' })).toBeInTheDocument();
    expect(within(table).getByText('0 av 3 platser')).toBeInTheDocument();
    const capacity = within(table).getByLabelText('Kapacitet för Umeå kommun');
    await user.clear(capacity);
    await user.type(capacity, '30');
    const save = within(table).getByRole('button', { name: 'Spara kapacitet för Umeå kommun' });
    await user.click(save);
    await waitFor(() =>
      expect(capacity).toHaveAccessibleDescription(/Skriv ett heltal från 1 till 20\./),
    );
    await waitFor(() => expect(capacity).toHaveFocus());
    await user.clear(capacity);
    await user.type(capacity, '5');
    await user.click(save);
    expect(await within(table).findByText('0 av 5 platser')).toBeInTheDocument();
    expect(capacity).not.toHaveAttribute('aria-invalid');
    expect(backend.callsOf('set_mentor_capacity').at(-1)?.args).toEqual({
      input: { partnershipId: 1, organisationId: 1, capacity: 5 },
    });
  });

  it('requires a Mentorpar for a mentor session in the meeting form', async () => {
    const backend = installBackend(
      rounds,
      {},
      store({ pairings: [pairing({ partnershipName: ROUND })] }),
    );
    const user = await startApp();
    await openRound(user);
    await user.click(screen.getByRole('button', { name: 'Nytt möte' }));
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte' });
    expect(screen.queryByLabelText('Mentorpar')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Typ'), 'Mentorsträff');
    const select = screen.getByLabelText('Mentorpar');
    expect(select).toBeRequired();
    await within(select).findByRole('option', { name: VANNAS_UMEA });
    await user.type(screen.getByLabelText('Datum'), '2027-03-02');
    await user.click(screen.getByRole('button', { name: 'Skapa mötet' }));

    await waitFor(() => expect(select).toHaveAttribute('aria-invalid', 'true'));
    expect(select).toHaveAccessibleDescription(
      expect.stringContaining('Välj vilket mentorpar mentorsträffen hör till.'),
    );
    await waitFor(() => expect(select).toHaveFocus());
    expect(backend.callsOf('create_meeting')).toHaveLength(0);

    await user.selectOptions(select, VANNAS_UMEA);
    await user.click(screen.getByRole('button', { name: 'Skapa mötet' }));
    await screen.findByRole('heading', { level: 1, name: 'Mentorsträff' });
    expect(backend.callsOf('create_meeting')[0].args).toMatchObject({
      input: { partnershipId: 1, draft: { kind: 'mentor_session', pairingId: 1 } },
    });
    const link = await screen.findByRole('button', { name: `Mentorpar: ${VANNAS_UMEA}` });
    expect(screen.getByLabelText('Mentorpar')).toHaveValue('1');
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: VANNAS_UMEA })).toBeInTheDocument();
  });

  it('sends no pairing for other kinds of meeting', async () => {
    const backend = installBackend(rounds, {}, store());
    const user = await startApp();
    await openRound(user);
    await user.click(screen.getByRole('button', { name: 'Nytt möte' }));
    await user.type(await screen.findByLabelText('Datum'), '2027-03-02');
    await user.click(screen.getByRole('button', { name: 'Skapa mötet' }));
    await screen.findByRole('heading', { level: 1, name: /^Lärandeträff/ });
    expect(backend.callsOf('create_meeting')[0].args).toMatchObject({
      input: { draft: { kind: 'learning', pairingId: null } },
    });
  });

  it('opens a new mentor session from the pairing page and refuses to delete it then', async () => {
    const session = meetingDetail(
      meeting({ id: 5, kind: 'mentor_session', number: null, date: '2027-02-10', pairingId: 1 }),
    );
    const backend = installBackend(
      rounds,
      {},
      store({ pairings: [pairing({ partnershipName: ROUND })], meetings: [session] }),
    );
    // The pairing has a session.
    backend.failNext('delete_pairing', 'in_use');
    const user = await startApp();
    const section = await openRound(user);
    expect(
      (await within(section).findByRole('button', { name: VANNAS_UMEA })).closest('li'),
    ).toHaveTextContent('Aktivt · 1 mentorsträff');
    await user.click(within(section).getByRole('button', { name: VANNAS_UMEA }));
    const heading = await screen.findByRole('heading', { level: 1, name: VANNAS_UMEA });
    await waitFor(() => expect(heading).toHaveFocus());
    const sessions = screen.getByRole('region', { name: 'Mentorsträffar' });
    expect(within(sessions).getByRole('button', { name: /^Mentorsträff/ })).toHaveTextContent(
      '2027-02-10',
    );
    expect(screen.getByRole('button', { name: 'Vännäs kommun' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Umeå kommun' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ta bort mentorparet' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort mentorparet' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Mentorparet har mentorsträffar och kan inte tas bort. Ändra status till Avslutat i stället.',
    );
    expect(backend.pairings).toHaveLength(1);

    await user.click(within(sessions).getByRole('button', { name: 'Ny mentorsträff' }));
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte' });
    expect(screen.getByLabelText('Typ')).toHaveValue('mentor_session');
    await waitFor(() => expect(screen.getByLabelText('Mentorpar')).toHaveValue('1'));
    await user.click(screen.getByRole('button', { name: 'Avbryt' }));
    expect(await screen.findByRole('heading', { level: 1, name: VANNAS_UMEA })).toBeInTheDocument();
  });

  it('edits a pairing that ended early, asking for the reason', async () => {
    const backend = installBackend(
      rounds,
      {},
      store({ pairings: [pairing({ partnershipName: ROUND, startDate: '2027-01-15' })] }),
    );
    // Ended early without a reason.
    backend.failNext('update_pairing', 'reason_required', 'endReason');
    const user = await startApp();
    const section = await openRound(user);
    await user.click(await within(section).findByRole('button', { name: VANNAS_UMEA }));
    await screen.findByRole('heading', { level: 1, name: VANNAS_UMEA });
    await user.click(screen.getByRole('button', { name: 'Redigera' }));
    await screen.findByRole('heading', { level: 1, name: 'Redigera mentorpar' });
    expect(screen.getByLabelText('Deltagare 1')).toHaveValue('2');
    expect(screen.getByLabelText('Mentororganisation')).toHaveValue('1');
    expect(screen.getByLabelText('Startdatum')).toHaveValue('2027-01-15');

    await user.selectOptions(screen.getByLabelText('Status'), 'Avbrutet i förtid');
    await user.click(screen.getByRole('button', { name: 'Spara mentorparet' }));
    const reason = await screen.findByLabelText('Skäl till att det avbröts');
    await waitFor(() => expect(reason).toHaveFocus());
    expect(reason).toHaveAccessibleDescription('Ange varför mentorskapet avbröts.');

    await user.type(reason, 'Ny politisk ledning.');
    await user.click(screen.getByRole('button', { name: 'Spara mentorparet' }));
    await screen.findByRole('heading', { level: 1, name: VANNAS_UMEA });
    expect(screen.getByText('Avbrutet i förtid')).toBeInTheDocument();
    expect(screen.getByText('Ny politisk ledning.')).toBeInTheDocument();
    expect(backend.callsOf('update_pairing').at(-1)?.args).toMatchObject({
      input: { id: 1, draft: { status: 'ended_early', endReason: 'Ny politisk ledning.' } },
    });
  });
});
