// Justering on the meeting page: approving the minutes with one or two people and a
// date, the record read-only while they are approved (with a note saying why), unlocking
// with a reason (required; the core's error next to the field) and the history.
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
import { openMeeting } from './test/meetingPage';

function store(approval?: Store['meetings'][number]['approval']): Partial<Store> {
  const m = meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }), {
    decisions: ['Vi delar mallen'],
    attendance: [
      {
        personId: 2,
        name: 'Bo Berg',
        organisationId: 1,
        organisationName: 'Umeå kommun',
        gender: 'man',
        status: 'attended',
      },
    ],
    ...(approval ? { approval } : {}),
  });
  return {
    organisations: [organisation()],
    people: [person({ id: 1, organisationId: 1, organisationName: 'Umeå kommun' })],
    memberships: [membership()],
    meetings: [m],
  };
}

function section(): HTMLElement {
  return screen.getByRole('region', { name: 'Justering' });
}

describe('approved minutes', () => {
  it('approves the minutes with two people and a date, and makes the record read-only', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openMeeting();
    expect(within(section()).getByText('Protokollet är inte justerat.')).toBeInTheDocument();
    const decision = screen.getByLabelText('Beslut 1');
    expect(decision).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Justera protokollet' }));
    const first = screen.getByLabelText('Justerat av');
    expect(first).toHaveFocus();
    await user.selectOptions(first, 'Anna Andersson');
    await user.selectOptions(screen.getByLabelText('Och av (om två justerar)'), 'Bo Berg');
    const date = screen.getByLabelText('Datum för justeringen');
    await user.clear(date);
    await user.type(date, '2027-03-20');
    await user.click(screen.getByRole('button', { name: 'Spara justeringen' }));

    await waitFor(() =>
      expect(backend.callsOf('approve_meeting')[0]?.args).toEqual({
        input: { meetingId: 4, approverIds: [1, 2], onDate: '2027-03-20' },
      }),
    );
    expect(
      await within(section()).findByText('Justerat av Anna Andersson och Bo Berg (2027-03-20).'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Protokollet är justerat.')).toBeInTheDocument();
    expect(
      screen.getByText(/Protokollet är justerat och kan inte ändras\. Lås upp det/),
    ).toBeVisible();
    expect(screen.getByLabelText('Beslut 1')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Ta bort mötet' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Lägg till åtgärd' })).toBeDisabled();
    const history = within(section()).getByRole('list', { name: 'Historik' });
    expect(
      within(history).getByText('2027-03-20: justerat av Anna Andersson och Bo Berg'),
    ).toBeInTheDocument();
    expect(within(section()).getByRole('button', { name: 'Lås upp' })).toHaveFocus();
  }, 20_000);

  it('asks for a reason to unlock, shows the error next to it, and then unlocks', async () => {
    const approval = {
      approved: true,
      history: [
        {
          event: 'approved' as const,
          personId: 1,
          personName: 'Anna Andersson',
          secondPersonId: null,
          secondPersonName: null,
          onDate: '2027-03-20',
          reason: '',
          recordedAt: '2027-03-20T09:00:00Z',
        },
      ],
    };
    const backend = installBackend([partnership()], {}, store(approval));
    const user = await openMeeting();
    expect(screen.getByLabelText('Beslut 1')).toBeDisabled();

    await user.click(within(section()).getByRole('button', { name: 'Lås upp' }));
    const reason = screen.getByLabelText('Varför behöver protokollet ändras?');
    expect(reason).toHaveFocus();
    backend.failNext('unlock_meeting', 'reason_required', 'reason');
    await user.click(screen.getByRole('button', { name: 'Lås upp protokollet' }));
    const error = await screen.findByText('Skriv varför protokollet behöver låsas upp.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason.getAttribute('aria-describedby')).toContain(error.id);
    expect(reason).toHaveFocus();
    expect(screen.getByLabelText('Beslut 1')).toBeDisabled();

    await user.type(reason, 'Fel namn i ett beslut');
    await user.selectOptions(screen.getByLabelText('Vem låser upp? (valfritt)'), 'Bo Berg');
    await user.click(screen.getByRole('button', { name: 'Lås upp protokollet' }));
    await waitFor(() => expect(screen.getByLabelText('Beslut 1')).toBeEnabled());
    expect(backend.callsOf('unlock_meeting').at(-1)?.args).toEqual({
      input: { meetingId: 4, personId: 2, reason: 'Fel namn i ett beslut' },
    });
    expect(within(section()).getByText('Protokollet är inte justerat.')).toBeInTheDocument();
    expect(screen.queryByText(/kan inte ändras\. Lås upp det/)).not.toBeInTheDocument();
    const items = within(within(section()).getByRole('list', { name: 'Historik' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^2027-03-20: justerat av Anna Andersson Registrerat 2027-03-20/),
      expect.stringMatching(
        /^2026-11-23: upplåst av Bo Berg Skäl: Fel namn i ett beslut Registrerat 2026-11-23/,
      ),
    ]);
    expect(screen.getByRole('button', { name: 'Justera protokollet' })).toHaveFocus();
  }, 20_000);

  it('shows an approval without a chosen approver next to the first select', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openMeeting();
    await user.click(screen.getByRole('button', { name: 'Justera protokollet' }));
    backend.failNext('approve_meeting', 'approver_required', 'approverIds');
    await user.click(screen.getByRole('button', { name: 'Spara justeringen' }));
    const first = screen.getByLabelText('Justerat av');
    const error = await screen.findByText('Välj vem som har justerat protokollet.');
    expect(first.getAttribute('aria-describedby')).toContain(error.id);
    expect(first).toHaveFocus();
    expect(screen.getByLabelText('Beslut 1')).toBeEnabled();
  }, 20_000);
});
