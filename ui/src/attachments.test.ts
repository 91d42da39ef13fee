import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend, meeting, meetingDetail, partnership } from './test/fakeBackend';
import { oneMeetingStore, openMeeting } from './test/meetingPage';
import type { Attachment } from './lib/bindings/Attachment';

function attachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: 1,
    meetingId: 4,
    agendaPosition: null,
    fileName: 'Presentation.pdf',
    sizeBytes: 1_234_567,
    addedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  };
}

function withAgenda() {
  const store = oneMeetingStore();
  store.meetings = [
    meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }), {
      agenda: [
        { title: 'Välkommen', notes: '', presenterOrganisationId: null, presenterPersonId: null },
      ],
    }),
  ];
  return store;
}

describe('Attachments on the meeting page', () => {
  it('lists the meeting’s files with name and size, and opens one by the system’s program', async () => {
    const backend = installBackend(
      [partnership()],
      {},
      {
        ...oneMeetingStore(),
        attachments: [attachment()],
      },
    );
    const user = await openMeeting();

    const section = screen.getByRole('region', { name: 'Bilagor' });
    await within(section).findByText('Presentation.pdf');
    expect(within(section).getByText('1,2 MB')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Öppna Presentation.pdf' }));
    expect(backend.callsOf('open_attachment').map((c) => c.args)).toEqual([{ input: { id: 1 } }]);
  });

  it('adds a picked file to the meeting and announces it', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();

    const input = screen.getByLabelText('Lägg till bilaga…');
    const file = new File(['underskrifter'], 'Närvarolista.pdf', { type: 'application/pdf' });
    await user.upload(input, file);

    const section = screen.getByRole('region', { name: 'Bilagor' });
    await within(section).findByText('Närvarolista.pdf');
    const sent = backend.callsOf('add_attachment')[0].args as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({
      meetingId: 4,
      agendaPosition: null,
      fileName: 'Närvarolista.pdf',
      contentBase64: btoa('underskrifter'),
    });
  });

  it('refuses a file over 25 MB before reading it, with the limit named', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();

    const input = screen.getByLabelText('Lägg till bilaga…');
    const big = new File(['x'], 'skanning.tif');
    Object.defineProperty(big, 'size', { value: 25 * 1024 * 1024 + 1 });
    await user.upload(input, big);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Filen är större än 25 MB');
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining(alert.id));
    expect(backend.callsOf('add_attachment')).toHaveLength(0);
  });

  it('adds a file to an agenda item and removes one after a confirm', async () => {
    const backend = installBackend(
      [partnership()],
      {},
      {
        ...withAgenda(),
        attachments: [attachment({ id: 7, agendaPosition: 0, fileName: 'Bilder.pptx' })],
      },
    );
    const user = await openMeeting();

    const item = screen.getByRole('group', { name: 'Bilagor till punkt 1' });
    await within(item).findByText('Bilder.pptx');
    await user.upload(
      within(item).getByLabelText('Lägg till bilaga till punkt 1…'),
      new File(['data'], 'Utvärdering.pdf'),
    );
    await within(item).findByText('Utvärdering.pdf');
    expect(backend.callsOf('add_attachment')[0].args).toMatchObject({
      input: { meetingId: 4, agendaPosition: 0, fileName: 'Utvärdering.pdf' },
    });

    await user.click(within(item).getByRole('button', { name: 'Ta bort Bilder.pptx' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Bilder.pptx tas bort från träffen.');
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort bilagan' }));
    await waitFor(() => expect(within(item).queryByText('Bilder.pptx')).not.toBeInTheDocument());
    expect(backend.callsOf('remove_attachment').map((c) => c.args)).toEqual([{ input: { id: 7 } }]);
  });

  it('shows the core’s refusal next to the file chooser', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();
    backend.failNext('add_attachment', 'locked', 'meetingId');

    await user.upload(screen.getByLabelText('Lägg till bilaga…'), new File(['x'], 'a.pdf'));

    expect(await screen.findByRole('alert')).toHaveTextContent('Protokollet är justerat');
    expect(backend.attachments).toHaveLength(0);
  });
});
