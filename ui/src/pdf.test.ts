import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend, meeting, partnership } from './test/fakeBackend';
import { oneMeetingStore, openMeeting, openPartnership } from './test/meetingPage';

const SUMMARY = 'Spara sammanfattning som PDF';

describe('PDF export', () => {
  it('makes a session summary with the default choices and says where it was saved', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();

    const options = screen.getByRole('group', { name: 'PDF-alternativ' });
    expect(
      within(options).getByRole('checkbox', { name: 'PDF/A för arkivering' }),
    ).not.toBeChecked();
    expect(
      within(options).getByRole('checkbox', { name: 'Öppna filen när den sparats' }),
    ).toBeChecked();

    await user.click(screen.getByRole('button', { name: SUMMARY }));

    const saved = await screen.findByText('Sparad: /home/anna/Dokument/Sammanfattning.pdf');
    expect(saved).toHaveAttribute('role', 'status');
    expect(backend.callsOf('export_pdf')[0].args).toEqual({
      input: {
        document: { document: 'session_summary', meetingId: 4 },
        archival: false,
        open: true,
      },
    });
    // Said once, by the status line, not a second time by the announcer.
    expect(
      screen.queryByText('Filen sparades i /home/anna/Dokument/Sammanfattning.pdf.'),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sends the ticked choices and remembers them on the partnership page', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();

    await user.click(screen.getByRole('checkbox', { name: 'PDF/A för arkivering' }));
    await user.click(screen.getByRole('checkbox', { name: 'Öppna filen när den sparats' }));
    await user.click(screen.getByRole('button', { name: SUMMARY }));
    await screen.findByText(/^Sparad: /);
    expect(backend.pdfRequests).toEqual([
      { document: { document: 'session_summary', meetingId: 4 }, archival: true, open: false },
    ]);

    await user.click(screen.getByRole('button', { name: 'Tillbaka till partnerskapet' }));
    await screen.findByRole('heading', { level: 1, name: 'Benchlearning Norr' });
    expect(screen.getByRole('checkbox', { name: 'PDF/A för arkivering' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Öppna filen när den sparats' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Spara rapport som PDF' }));
    await screen.findByText('Sparad: /home/anna/Dokument/Rapport.pdf');
    expect(backend.pdfRequests[1]).toEqual({
      document: { document: 'partnership_report', partnershipId: 1, from: null, to: null },
      archival: true,
      open: false,
    });
  });

  it('shows the button as busy while the PDF is made, and sends it once', async () => {
    let finish: (value: { path: string }) => void = () => {};
    const backend = installBackend(
      [partnership()],
      {
        export_pdf: () =>
          new Promise((resolve) => {
            finish = resolve;
          }),
      },
      oneMeetingStore(),
    );
    const user = await openPartnership();

    const button = screen.getByRole('button', { name: 'Spara rapport som PDF' });
    await user.click(button);
    await waitFor(() => expect(button).toHaveTextContent('Skapar PDF …'));
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await user.click(button);
    expect(backend.callsOf('export_pdf')).toHaveLength(1);

    finish({ path: '/tmp/Rapport.pdf' });
    await screen.findByText('Sparad: /tmp/Rapport.pdf');
    expect(button).toHaveTextContent('Spara rapport som PDF');
    expect(button).toHaveAttribute('aria-busy', 'false');
    expect(button).toHaveAttribute('aria-disabled', 'false');
  });

  it('shows nothing when the save dialog is closed', async () => {
    const backend = installBackend(
      [partnership()],
      {
        export_pdf: () => {
          throw { code: 'cancelled', field: null, message: 'no file chosen' };
        },
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();
    await user.click(screen.getByRole('button', { name: SUMMARY }));
    await waitFor(() => expect(backend.callsOf('export_pdf')).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: SUMMARY })).toHaveAttribute('aria-busy', 'false'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/^Sparad:/)).not.toBeInTheDocument();
    expect(screen.queryByText(/sparades/)).not.toBeInTheDocument();
  });

  it('says that the file was saved when it could not be opened', async () => {
    installBackend(
      [partnership()],
      {
        export_pdf: () => {
          throw { code: 'open_failed', field: null, message: 'no viewer' };
        },
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();
    await user.click(screen.getByRole('button', { name: SUMMARY }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Filen sparades men kunde inte öppnas. Öppna den från mappen där du sparade den.',
    );
  });

  it('waits for the autosave of what was just typed before the summary is made', async () => {
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
        export_pdf: () => {
          events.push('pdf');
          return { path: '/tmp/Sammanfattning.pdf' };
        },
      },
      oneMeetingStore(),
    );
    const user = await openMeeting();

    await user.type(screen.getByLabelText('Vad kan vi lära?'), 'Dela mallar');
    await user.click(screen.getByRole('button', { name: SUMMARY }));
    await screen.findByText('Sparad: /tmp/Sammanfattning.pdf');
    expect(events).toEqual(['save started: Dela mallar', 'save done', 'pdf']);
  });
});

/** The text of src/app.css, read with Node's fs (as commands.test.ts reads a file). */
async function appStylesheet(): Promise<string> {
  const fs: { readFileSync(path: string, encoding: 'utf8'): string } = await import(
    /* @vite-ignore */ `node:${'fs'}`
  );
  // The name is not a literal: Vite would turn `new URL('./app.css', …)` into an asset URL.
  const name = 'app.css';
  return fs.readFileSync(decodeURIComponent(new URL(name, import.meta.url).pathname), 'utf8');
}

describe('the status lines under the file buttons', () => {
  it('stay in the page as live regions but show no empty grey box', async () => {
    installBackend([partnership()], {}, oneMeetingStore());
    await openPartnership();
    const pdf = screen
      .getByRole('button', { name: 'Spara rapport som PDF' })
      .closest('.pdf-export');
    const status = within(pdf as HTMLElement).getByRole('status');
    expect(status).toBeEmptyDOMElement();

    // The app's own stylesheet, as the window has it: its `.empty` box (for empty lists)
    // once painted the silent status lines grey. Added last: it slows every query.
    const style = document.createElement('style');
    style.textContent = await appStylesheet();
    document.head.append(style);
    const emptyList = document.createElement('p');
    emptyList.className = 'empty';
    document.body.append(emptyList);
    try {
      // The stylesheet applies here: an empty list's box does get its padding.
      expect(getComputedStyle(emptyList).paddingTop).toBe('1rem');
      const painted = getComputedStyle(status);
      expect(['', 'transparent', 'rgba(0, 0, 0, 0)']).toContain(painted.backgroundColor);
      expect(['', '0', '0px']).toContain(painted.paddingTop);
    } finally {
      emptyList.remove();
      style.remove();
    }
  });
});
