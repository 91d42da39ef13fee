import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, person } from './test/fakeBackend';
import { meeting, meetingDetail } from './test/fixtures';
import type { ErasurePreview } from './lib/bindings/ErasurePreview';
import { applyLanguage, tn } from './lib/i18n.svelte';
import sv from './messages/sv.json';

async function openPerson(preview: ErasurePreview) {
  const backend = installBackend(
    [],
    { person_erasure_preview: () => preview },
    {
      people: [person({ id: 3, name: 'Zebulonia Kvistgård' })],
      meetings: [meetingDetail(meeting({ id: 7 }))],
    },
  );
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  await user.click(
    within(screen.getByRole('navigation')).getByRole('button', { name: 'Personer' }),
  );
  await user.click(await screen.findByRole('button', { name: 'Zebulonia Kvistgård' }));
  await user.click(await screen.findByRole('button', { name: 'Radera personen' }));
  const dialog = await screen.findByRole('alertdialog', { name: 'Radera Zebulonia Kvistgård' });
  return { backend, user, dialog };
}

const mention = {
  place: 'meeting_notes',
  partnership: { id: 1, name: 'Dropin' },
  meeting: { id: 7, kind: 'learning', number: 2, title: '', date: '2027-04-20' },
  pairingId: null,
  excerpt: 'ZEBULONIA KVISTGÅRD berättade om tolkning.',
} as const;

describe('erasing a person', () => {
  it('says what erasure does, in the right plural, before anything is erased', async () => {
    const { backend, user, dialog } = await openPerson({
      attended: 1,
      invitedOrAbsent: 2,
      presented: 0,
      responsibleFor: 0,
      contactRoles: 1,
      roles: 2,
      groupMemberships: 1,
      mentions: [],
    });
    const d = within(dialog);
    expect(d.getByText(/Närvaron vid 1 möte blir en anonym deltagare/)).toBeInTheDocument();
    expect(
      d.getByText('2 markeringar som inbjuden eller frånvarande tas bort.'),
    ).toBeInTheDocument();
    expect(d.queryByText(/dagordning/)).toBeNull();
    expect(d.getByText('2 roller i partnerskap tas bort.')).toBeInTheDocument();
    expect(d.getByText('Personen tas bort ur 1 grupp.')).toBeInTheDocument();
    expect(d.getByText(/Varken namnet eller e-postadressen/)).toBeInTheDocument();
    expect(backend.callsOf('delete_person')).toHaveLength(0);
    // the least destructive choice has the focus; Escape closes without erasing
    expect(d.getByRole('button', { name: 'Avbryt' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(backend.callsOf('delete_person')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Radera personen' }));
    await user.click(await screen.findByRole('button', { name: 'Radera' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Personer' })).toBeInTheDocument();
    expect(backend.callsOf('delete_person').map((c) => c.args)).toEqual([{ input: { id: 3 } }]);
  });

  it('lists where the name is written, each place a button that opens it', async () => {
    const { backend, user, dialog } = await openPerson({
      attended: 0,
      invitedOrAbsent: 0,
      presented: 0,
      responsibleFor: 0,
      contactRoles: 0,
      roles: 0,
      groupMemberships: 0,
      mentions: [mention],
    });
    const d = within(dialog);
    expect(d.getByText(/står på 1 ställe i fritext/)).toBeInTheDocument();
    expect(d.getByText('Anteckningar från mötet')).toBeInTheDocument();
    expect(d.getByText(mention.excerpt)).toBeInTheDocument();
    await user.click(d.getByRole('button', { name: 'Öppna Dropin – Lärandeträff 2 (2027-04-20)' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() =>
      expect(backend.callsOf('get_meeting').map((c) => c.args)).toEqual([{ input: { id: 7 } }]),
    );
    expect(backend.callsOf('delete_person')).toHaveLength(0);
  });
});

describe('counts in words', () => {
  it('choose the plural form by the language rules', () => {
    expect(tn('person.erase.responsible', 1)).toBe(
      '1 förbättringsåtgärd får ingen ansvarig person.',
    );
    expect(tn('person.erase.responsible', 0)).toBe(
      '0 förbättringsåtgärder får ingen ansvarig person.',
    );
    applyLanguage('en');
    expect(tn('person.erase.responsible', 2)).toBe(
      '2 improvement actions get no responsible person.',
    );
    applyLanguage('sv');
  });

  it('have both forms for every message with a count', () => {
    for (const key of Object.keys(sv)) {
      const form = key.match(/^(.*)_(one|other)$/);
      if (!form) continue;
      const other = `${form[1]}_${form[2] === 'one' ? 'other' : 'one'}`;
      expect(sv, key).toHaveProperty([other]);
    }
  });
});
