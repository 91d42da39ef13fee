import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import { installBackend, meeting, partnership } from './test/fakeBackend';
import { oneMeetingStore, openMeeting } from './test/meetingPage';

const SEND = 'Skapa e-postutkast med sammanfattningen';

describe('Minutes by e-mail', () => {
  it('saves a draft, opens it and says how many recipients had no address', async () => {
    const backend = installBackend(
      [partnership()],
      {
        minutes_email: () => ({
          path: '/home/anna/Dokument/Sammanfattning Lärandeträff 1 2027-03-16.eml',
          counts: { recipients: 3, withoutAddress: 2 },
        }),
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();

    await user.click(screen.getByRole('button', { name: SEND }));

    const status = await screen.findByText(/^E-postutkastet sparades:/);
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveTextContent(
      'E-postutkastet sparades: /home/anna/Dokument/Sammanfattning Lärandeträff 1 2027-03-16.eml ' +
        'Utkastet har 3 mottagare. 2 deltagare saknar e-postadress och kom inte med.',
    );
    expect(backend.callsOf('minutes_email')[0].args).toEqual({
      input: { meetingId: 4, open: true },
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says nothing about missing addresses when everyone had one', async () => {
    installBackend(
      [partnership()],
      {
        minutes_email: () => ({
          path: '/tmp/Sammanfattning.eml',
          counts: { recipients: 2, withoutAddress: 0 },
        }),
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();
    await user.click(screen.getByRole('button', { name: SEND }));
    const status = await screen.findByText(/^E-postutkastet sparades:/);
    expect(status).toHaveTextContent(
      'E-postutkastet sparades: /tmp/Sammanfattning.eml Utkastet har 2 mottagare.',
    );
    expect(screen.queryByText(/saknar e-postadress/)).not.toBeInTheDocument();
  });

  it('waits for the autosave of what was just typed before the draft is made', async () => {
    const events: string[] = [];
    installBackend(
      [partnership()],
      {
        update_meeting: ({ draft }) => {
          events.push(`save started: ${draft.reflectionLearn}`);
          return new Promise((resolve) =>
            setTimeout(() => {
              events.push('save done');
              resolve(
                meeting({
                  id: 4,
                  number: 1,
                  date: '2027-03-16',
                  reflectionLearn: draft.reflectionLearn,
                }),
              );
            }, 50),
          );
        },
        minutes_email: () => {
          events.push('mail');
          return { path: '/tmp/Sammanfattning.eml', counts: { recipients: 1, withoutAddress: 0 } };
        },
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();
    await user.type(screen.getByLabelText('Vad kan vi lära?'), 'Dela mallar');
    await user.click(screen.getByRole('button', { name: SEND }));
    await screen.findByText(/^E-postutkastet sparades:/);
    expect(events).toEqual(['save started: Dela mallar', 'save done', 'mail']);
  });

  it('shows an error next to the button, and nothing when the dialog is closed', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();

    backend.failNext('minutes_email', 'storage');
    await user.click(screen.getByRole('button', { name: SEND }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'E-postutkastet kunde inte sparas. Försök igen eller välj en annan mapp.',
    );

    backend.failNext('minutes_email', 'cancelled');
    await user.click(screen.getByRole('button', { name: SEND }));
    await waitFor(() => expect(backend.callsOf('minutes_email')).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: SEND })).toHaveAttribute('aria-busy', 'false'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/^E-postutkastet sparades:/)).not.toBeInTheDocument();
  });
});
