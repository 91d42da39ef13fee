import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import type { AttendanceRow } from './lib/bindings/AttendanceRow';
import {
  installBackend,
  meeting,
  meetingDetail,
  membership,
  organisation,
  partnership,
} from './test/fakeBackend';
import { openMeeting } from './test/meetingPage';

function row(personId: number, name: string): AttendanceRow {
  return {
    personId,
    name,
    organisationId: 1,
    organisationName: 'Umeå kommun',
    gender: 'woman',
    status: 'invited',
  };
}

function store() {
  const attendance = [row(1, 'Anna Andersson'), row(2, 'Berit Berg'), row(3, 'Cecilia Ek')];
  return {
    organisations: [organisation()],
    memberships: [membership()],
    meetings: [meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }), { attendance })],
  };
}

describe('the sign-in sheet and ticking attendance', () => {
  it('saves the sign-in sheet beside the summary, with the same options', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openMeeting();
    // One set of PDF options for both buttons.
    expect(screen.getAllByRole('group', { name: 'PDF-alternativ' })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Spara närvarolista som PDF' }));
    await screen.findByText(/^Sparad: /);
    expect(backend.pdfRequests).toEqual([
      { document: { document: 'sign_in_sheet', meetingId: 4 }, archival: false, open: true },
    ]);
  });

  it('ticks who came with Space, moving down the list with the arrow key', async () => {
    const backend = installBackend([partnership()], {}, store());
    const user = await openMeeting();
    const first = screen.getByRole('checkbox', { name: 'Närvarade: Anna Andersson' });
    expect(first).not.toBeChecked();
    expect(first).toHaveAccessibleDescription(/mellanslag bockar i eller ur/);
    first.focus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowDown}');
    const third = screen.getByRole('checkbox', { name: 'Närvarade: Cecilia Ek' });
    expect(third).toHaveFocus();
    await user.keyboard(' ');
    await waitFor(() =>
      expect(backend.callsOf('set_attendance').at(-1)?.args).toEqual({
        input: {
          meetingId: 4,
          entries: [
            { personId: 1, status: 'attended' },
            { personId: 2, status: 'invited' },
            { personId: 3, status: 'attended' },
          ],
        },
      }),
    );
    expect(first).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Närvarade: Berit Berg' })).not.toBeChecked();
    expect(screen.getByLabelText('Närvaro för Cecilia Ek')).toHaveDisplayValue('Närvarande');
    // Taking the tick away leaves the person invited.
    await user.click(third);
    await waitFor(() =>
      expect(backend.callsOf('set_attendance').at(-1)?.args).toMatchObject({
        input: { entries: [{ status: 'attended' }, { status: 'invited' }, { status: 'invited' }] },
      }),
    );
    expect(screen.getByLabelText('Närvaro för Cecilia Ek')).toHaveDisplayValue('Inbjuden');
  });
});
