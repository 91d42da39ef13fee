// People's roles and the groups of a partnership on its page ("Roller", "Grupper"), and
// each group's reflection on the meeting page, against the fake core.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import {
  installBackend,
  meeting,
  meetingDetail,
  membership,
  organisation,
  partnership,
  person,
  type Store,
} from './test/fakeBackend';
import { openMeeting, openPartnership } from './test/meetingPage';
import type { Group } from './lib/bindings/Group';

function store(overrides: Partial<Store> = {}): Partial<Store> {
  return {
    organisations: [organisation()],
    memberships: [membership()],
    people: [
      person({ id: 1, name: 'Anna Andersson', organisationId: 1, organisationName: 'Umeå kommun' }),
      person({ id: 2, name: 'Bo Berg' }),
    ],
    meetings: [meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }))],
    ...overrides,
  };
}

const roles = () => screen.getByRole('region', { name: 'Roller' });
const groups = () => screen.getByRole('region', { name: 'Grupper' });

describe('roles on the partnership page', () => {
  it('adds a person to a role with a period, then ends and removes it', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openPartnership();

    for (const role of ['Styrgrupp', 'Projektgrupp', 'Projektledare', 'Samordnare']) {
      expect(within(roles()).getByRole('heading', { name: `${role} (0)` })).toBeInTheDocument();
    }
    for (const role of ['Extern utvärderare', 'Utbildare', 'Kontaktperson']) {
      expect(within(roles()).getByRole('heading', { name: `${role} (0)` })).toBeInTheDocument();
    }

    const form = within(roles()).getByRole('group', { name: 'Lägg till en person i en roll' });
    await waitFor(() =>
      expect(within(form).getByRole('option', { name: 'Bo Berg' })).toBeInTheDocument(),
    );
    await user.selectOptions(within(form).getByLabelText('Person'), 'Anna Andersson');
    await user.selectOptions(within(form).getByLabelText('Roll'), 'Projektledare');
    await user.type(within(form).getByLabelText('Från och med'), '2027-01-01');
    await user.click(within(form).getByRole('button', { name: 'Lägg till i rollen' }));

    expect(backend.callsOf('add_role')[0].args).toEqual({
      input: {
        partnershipId: 1,
        personId: 1,
        role: 'project_leader',
        startDate: '2027-01-01',
        endDate: null,
      },
    });
    const leader = await within(roles()).findByRole('region', { name: 'Projektledare (1)' });
    expect(within(leader).getByRole('button', { name: 'Anna Andersson' })).toBeInTheDocument();
    expect(leader).toHaveTextContent('Umeå kommun');
    expect(leader).toHaveTextContent('Från 2027-01-01');
    expect(
      await screen.findByText('Anna Andersson har fått rollen Projektledare.'),
    ).toBeInTheDocument();

    // Ended on a date: the period says so, and it can no longer be ended.
    await user.click(
      within(leader).getByRole('button', {
        name: 'Avsluta rollen Projektledare för Anna Andersson',
      }),
    );
    const endDate = within(leader).getByLabelText('Sista dag i rollen');
    expect(endDate).toHaveFocus();
    await user.type(endDate, '2027-06-30');
    await user.click(within(leader).getByRole('button', { name: 'Avsluta rollen' }));
    expect(backend.callsOf('end_role')[0].args).toEqual({
      input: { id: 1, endDate: '2027-06-30' },
    });
    await waitFor(() => expect(leader).toHaveTextContent('2027-01-01 – 2027-06-30'));
    expect(
      within(leader).queryByRole('button', { name: /^Avsluta rollen/ }),
    ).not.toBeInTheDocument();

    // Removed after confirming.
    await user.click(
      within(leader).getByRole('button', {
        name: 'Ta bort rollen Projektledare för Anna Andersson',
      }),
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Ta bort rollen' });
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort' }));
    await within(roles()).findByRole('region', { name: 'Projektledare (0)' });
    expect(backend.callsOf('remove_role')[0].args).toEqual({ input: { id: 1 } });
  });

  it('shows a refused date next to its field and keeps what was typed', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openPartnership();
    const form = within(roles()).getByRole('group', { name: 'Lägg till en person i en roll' });

    // No person chosen: said at the field, nothing sent.
    await user.click(within(form).getByRole('button', { name: 'Lägg till i rollen' }));
    const personField = within(form).getByLabelText('Person');
    await waitFor(() => expect(personField).toHaveFocus());
    expect(personField).toHaveAccessibleDescription('Välj en person som finns i registret.');
    expect(backend.callsOf('add_role')).toHaveLength(0);

    backend.failNext('add_role', 'end_before_start', 'endDate');
    await waitFor(() =>
      expect(within(form).getByRole('option', { name: 'Bo Berg' })).toBeInTheDocument(),
    );
    await user.selectOptions(personField, 'Bo Berg');
    await user.type(within(form).getByLabelText('Från och med'), '2027-05-01');
    const end = within(form).getByLabelText('Till och med');
    await user.type(end, '2027-04-01');
    await user.click(within(form).getByRole('button', { name: 'Lägg till i rollen' }));

    await waitFor(() => expect(end).toHaveFocus());
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end).toHaveAccessibleDescription(
      expect.stringContaining('Slutdatumet kan inte vara före startdatumet.'),
    );
    expect(end).toHaveValue('2027-04-01');
    expect(within(roles()).getByRole('region', { name: 'Styrgrupp (0)' })).toBeInTheDocument();
  });
});

describe('groups on the partnership page', () => {
  it('creates a group, adds and removes members, and refuses a taken name', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openPartnership();
    expect(within(groups()).getByText('Inga grupper ännu.')).toBeInTheDocument();

    const form = within(groups()).getByRole('group', { name: 'Ny grupp' });
    await user.type(within(form).getByLabelText('Gruppens namn'), 'Norra klustret');
    await user.selectOptions(within(form).getByLabelText('Typ av grupp'), 'Delgrupp');
    await user.type(within(form).getByLabelText('Syfte'), 'Skellefteå och Luleå');
    await user.click(within(form).getByRole('button', { name: 'Skapa gruppen' }));
    expect(backend.callsOf('create_group')[0].args).toEqual({
      input: {
        partnershipId: 1,
        draft: { kind: 'subgroup', name: 'Norra klustret', purpose: 'Skellefteå och Luleå' },
      },
    });
    const group = await within(groups()).findByRole('region', { name: /^Norra klustret/ });
    expect(group).toHaveTextContent('Skellefteå och Luleå');
    expect(within(group).getByText('Inga medlemmar ännu.')).toBeInTheDocument();

    const add = within(group).getByLabelText('Lägg till medlem i Norra klustret');
    await waitFor(() =>
      expect(within(group).getByRole('option', { name: 'Bo Berg' })).toBeInTheDocument(),
    );
    await user.selectOptions(add, 'Bo Berg');
    await user.click(within(group).getByRole('button', { name: 'Lägg till i gruppen' }));
    await user.selectOptions(add, 'Anna Andersson');
    await user.click(within(group).getByRole('button', { name: 'Lägg till i gruppen' }));
    expect(backend.callsOf('set_group_members').at(-1)?.args).toEqual({
      input: { groupId: 1, personIds: [2, 1] },
    });
    await waitFor(() =>
      expect(within(group).getByRole('heading', { name: 'Medlemmar (2)' })).toBeInTheDocument(),
    );

    await user.click(
      within(group).getByRole('button', { name: 'Ta bort Bo Berg ur gruppen Norra klustret' }),
    );
    expect(backend.callsOf('set_group_members').at(-1)?.args).toEqual({
      input: { groupId: 1, personIds: [1] },
    });
    await waitFor(() =>
      expect(within(group).getByRole('heading', { name: 'Medlemmar (1)' })).toBeInTheDocument(),
    );

    // A second group of the same name: the message is at the name.
    backend.failNext('create_group', 'name_taken', 'name');
    const name = within(form).getByLabelText('Gruppens namn');
    await user.type(name, 'Norra klustret');
    await user.click(within(form).getByRole('button', { name: 'Skapa gruppen' }));
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAccessibleDescription(
      'Det finns redan en grupp med det namnet i partnerskapet.',
    );
  });
});

describe('group reflections on the meeting page', () => {
  const groupA: Group = {
    id: 7,
    partnershipId: 1,
    kind: 'reflection_group',
    name: 'Grupp A',
    purpose: '',
    members: [],
  };

  it('shows no group part when the partnership has no groups', async () => {
    installBackend([partnership()], {}, store());
    await openMeeting();
    expect(screen.queryByRole('region', { name: 'Gruppernas reflektion' })).not.toBeInTheDocument();
  });

  it('saves each group’s answers as they are typed', async () => {
    const reflections = meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }), {
      groupReflections: [
        {
          groupId: 7,
          groupName: 'Grupp A',
          groupKind: 'reflection_group',
          reflectionBest: 'Vi lyssnar',
          reflectionLearn: '',
          reflectionDevelop: '',
        },
        {
          groupId: 8,
          groupName: 'Grupp B',
          groupKind: 'reflection_group',
          reflectionBest: '',
          reflectionLearn: '',
          reflectionDevelop: '',
        },
      ],
    });
    const groupB = { ...groupA, id: 8, name: 'Grupp B' };
    const backend = installBackend(
      [partnership()],
      {},
      store({ meetings: [reflections], groups: [groupA, groupB] }),
    );
    const user = await openMeeting();

    const part = screen.getByRole('region', { name: 'Gruppernas reflektion' });
    const a = within(part).getByRole('group', { name: 'Grupp A (Reflektionsgrupp)' });
    const b = within(part).getByRole('group', { name: 'Grupp B (Reflektionsgrupp)' });
    expect(within(a).getByLabelText(/Vad gör vi bäst/)).toHaveValue('Vi lyssnar');

    await user.type(within(b).getByLabelText(/Vad kan vi lära/), 'Fråga mer');
    await user.tab();
    await waitFor(() =>
      expect(backend.callsOf('set_group_reflection').at(-1)?.args).toEqual({
        input: {
          meetingId: 4,
          groupId: 8,
          reflectionBest: '',
          reflectionLearn: 'Fråga mer',
          reflectionDevelop: '',
        },
      }),
    );
    expect(backend.callsOf('set_group_reflection')).toHaveLength(1);
    expect(await screen.findByText('Alla ändringar är sparade')).toBeInTheDocument();

    // A refused answer is shown at its field, in its group.
    backend.failNext('set_group_reflection', 'text_too_long', 'reflectionDevelop');
    const develop = within(a).getByLabelText(/Vad ska vi ta vara på/);
    await user.type(develop, 'Mer tid');
    await user.tab();
    await waitFor(() => expect(develop).toHaveAttribute('aria-invalid', 'true'));
    expect(develop).toHaveAccessibleDescription(
      'Texten är för lång för fältet. Korta den och försök igen.',
    );
    expect(within(b).getByLabelText(/Vad ska vi ta vara på/)).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
