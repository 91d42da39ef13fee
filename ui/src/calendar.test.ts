import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend, partnership } from './test/fakeBackend';
import { oneMeetingStore, openMeeting, openPartnership } from './test/meetingPage';

const ADD = 'Lägg till i kalendern (.ics)';
const COMING = 'Kommande möten till kalendern (.ics)';
const CANCEL_FIRST = 'Spara först en avbokning till kalendern (.ics)';

describe('Calendar files', () => {
  it('saves a meeting as .ics, opens it and says where it went', async () => {
    const backend = installBackend(
      [partnership()],
      { export_calendar: () => ({ path: '/home/anna/Lärandeträff 1 2027-03-16.ics', events: 1 }) },
      oneMeetingStore(),
    );
    const user = await openMeeting();
    const button = screen.getByRole('button', { name: ADD });
    expect(button).toHaveAccessibleDescription(/kalenderprogram/);
    await user.click(button);
    const status = await screen.findByText(/^Sparad:/);
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveTextContent('Sparad: /home/anna/Lärandeträff 1 2027-03-16.ics');
    expect(status).not.toHaveTextContent('Filen innehåller');
    expect(backend.callsOf('export_calendar')[0].args).toEqual({
      input: { calendar: { calendar: 'meeting', meetingId: 4 }, open: true },
    });
  });

  it('is reached with the keyboard', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();
    const button = screen.getByRole('button', { name: ADD });
    button.focus();
    await user.keyboard('{Enter}');
    await screen.findByText(/^Sparad:/);
    expect(backend.callsOf('export_calendar')).toHaveLength(1);
  });

  it("saves a partnership's coming meetings and counts them", async () => {
    const backend = installBackend(
      [partnership()],
      { export_calendar: () => ({ path: '/tmp/Kommande möten.ics', events: 3 }) },
      oneMeetingStore(),
    );
    const user = await openPartnership();
    await user.click(await screen.findByRole('button', { name: COMING }));
    const status = await screen.findByText(/^Sparad:/);
    expect(status).toHaveTextContent('Sparad: /tmp/Kommande möten.ics Filen innehåller 3 möten.');
    expect(backend.callsOf('export_calendar')[0].args).toEqual({
      input: { calendar: { calendar: 'coming_meetings', partnershipId: 1 }, open: true },
    });
  });

  it('says so when there are no coming meetings, and nothing when the dialog is closed', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openPartnership();
    backend.failNext('export_calendar', 'no_coming_meetings');
    await user.click(await screen.findByRole('button', { name: COMING }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Partnerskapet har inga möten från i dag och framåt.',
    );
    backend.failNext('export_calendar', 'cancelled');
    await user.click(screen.getByRole('button', { name: COMING }));
    await waitFor(() => expect(backend.callsOf('export_calendar')).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: COMING })).toHaveAttribute('aria-busy', 'false'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/^Sparad:/)).not.toBeInTheDocument();
  });

  it('saves a cancellation before deleting when asked, and says where it went', async () => {
    const events: string[] = [];
    const backend = installBackend(
      [partnership()],
      {
        export_calendar: () => {
          events.push('cancellation');
          return { path: '/tmp/Inställt Lärandeträff 1 2027-03-16.ics', events: 1 };
        },
        delete_meeting: () => {
          events.push('delete');
          return null;
        },
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();
    await user.click(screen.getByRole('button', { name: 'Ta bort mötet' }));
    const dialog = await screen.findByRole('alertdialog');
    const option = within(dialog).getByRole('checkbox', { name: CANCEL_FIRST });
    expect(option).not.toBeChecked();
    // The focus starts on Cancel; Tab goes round to the checkbox and stays in the dialog.
    await user.tab();
    expect(option).toHaveFocus();
    await user.keyboard(' ');
    expect(option).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort mötet' }));
    expect(
      await screen.findByText(
        'Lärandeträff 1 har tagits bort. Avbokningen sparades: /tmp/Inställt Lärandeträff 1 2027-03-16.ics',
      ),
    ).toBeInTheDocument();
    expect(events).toEqual(['cancellation', 'delete']);
    expect(backend.callsOf('export_calendar')[0].args).toEqual({
      input: { calendar: { calendar: 'cancellation', meetingId: 4 }, open: true },
    });
  });

  it('keeps the meeting when the cancellation cannot be saved, and saves none unless asked', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();
    await user.click(screen.getByRole('button', { name: 'Ta bort mötet' }));
    let dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('checkbox', { name: CANCEL_FIRST }));
    backend.failNext('export_calendar', 'storage');
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort mötet' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Kalenderfilen kunde inte sparas. Försök igen eller välj en annan mapp.',
    );
    expect(backend.callsOf('delete_meeting')).toHaveLength(0);
    expect(screen.getByRole('heading', { level: 1, name: 'Lärandeträff 1' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ta bort mötet' }));
    dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('checkbox', { name: CANCEL_FIRST }));
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort mötet' }));
    expect(await screen.findByText('Lärandeträff 1 har tagits bort.')).toBeInTheDocument();
    expect(backend.callsOf('export_calendar')).toHaveLength(1);
    expect(backend.callsOf('delete_meeting')).toHaveLength(1);
  });
});
