// The register of venues (Meny → Lokalregister: add, edit, archive, a duplicate name
// shown at its field) and, on the meeting page, the venue chosen from the register, a
// typed venue saved to it, the mode as radio buttons with the link only where it belongs,
// and a host chosen among every organisation, not only the members.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import {
  installBackend,
  organisation,
  partnership,
  venue,
  type FakeBackend,
} from './test/fakeBackend';
import { oneMeetingStore, openMeeting } from './test/meetingPage';

const hotel = organisation({ id: 2, name: 'Hotell Vännäs AB', kind: 'company', code: null });

async function openRegister(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  await user.click(screen.getByRole('button', { name: 'Meny' }));
  await user.click(screen.getByRole('menuitem', { name: 'Lokalregister' }));
  await screen.findByRole('heading', { level: 1, name: 'Lokalregister' });
  return user;
}

function lastInput(backend: FakeBackend, cmd: Parameters<FakeBackend['callsOf']>[0]) {
  return backend.callsOf(cmd).at(-1)?.args?.input;
}

// Long journeys of many steps: more time than the default under a loaded machine.
const JOURNEY = { timeout: 20_000 };

describe('the register of venues', () => {
  it('adds a venue with its checklist, edits it and archives it', JOURNEY, async () => {
    const backend = installBackend([partnership()], {}, { organisations: [organisation(), hotel] });
    const user = await openRegister();
    expect(await screen.findByText('Det finns inga lokaler i registret ännu.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ny lokal' }));
    await user.type(screen.getByLabelText(/^Lokalens namn/), 'Hotell Vännäs, konferens');
    await user.type(screen.getByLabelText('Adress'), 'Strandvägen 3');
    const owner = screen.getByLabelText('Organisation som driver lokalen');
    expect(owner).toHaveAccessibleDescription(expect.stringContaining('inte medlem'));
    await waitFor(() =>
      expect(within(owner).getByRole('option', { name: 'Hotell Vännäs AB' })).toBeInTheDocument(),
    );
    await user.selectOptions(owner, 'Hotell Vännäs AB');
    await user.click(within(screen.getByRole('group', { name: 'Hiss' })).getByLabelText('Ja'));
    await user.click(
      within(screen.getByRole('group', { name: 'Hörslinga' })).getByLabelText('Nej'),
    );
    await user.type(screen.getByLabelText('Anteckningar om tillgänglighet'), 'Ramp vid entrén');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    await screen.findByRole('heading', { level: 2, name: 'Hotell Vännäs, konferens' });
    expect(lastInput(backend, 'create_venue')).toEqual({
      name: 'Hotell Vännäs, konferens',
      address: 'Strandvägen 3',
      organisationId: 2,
      stepFreeEntrance: null,
      noThresholds: null,
      lift: true,
      accessibleToilet: null,
      hearingLoop: false,
      accessibleSeating: null,
      accessibilityNotes: 'Ramp vid entrén',
      notes: '',
    });
    expect(screen.getByText('Lokalen har sparats.')).toBeInTheDocument();
    expect(screen.getByText('Hotell Vännäs AB')).toBeInTheDocument();
    expect(backend.memberships).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Ändra Hotell Vännäs, konferens' }));
    const address = screen.getByLabelText('Adress');
    expect(address).toHaveValue('Strandvägen 3');
    expect(within(screen.getByRole('group', { name: 'Hiss' })).getByLabelText('Ja')).toBeChecked();
    await user.clear(address);
    await user.type(address, 'Strandvägen 5');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByText('Strandvägen 5');
    expect(lastInput(backend, 'update_venue')).toMatchObject({
      id: 1,
      draft: { address: 'Strandvägen 5', lift: true },
    });

    await user.click(screen.getByRole('button', { name: 'Arkivera Hotell Vännäs, konferens' }));
    await waitFor(() =>
      expect(screen.getByText('Det finns inga lokaler i registret ännu.')).toBeInTheDocument(),
    );
    expect(lastInput(backend, 'set_venue_archived')).toEqual({ id: 1, archived: true });
    await user.click(screen.getByLabelText('Visa arkiverade lokaler'));
    expect(await screen.findByText('Arkiverad')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Återställ Hotell Vännäs, konferens' }));
    await waitFor(() => expect(screen.queryByText('Arkiverad')).not.toBeInTheDocument());
  });

  it('shows a duplicate name next to the name, and keeps what was typed', async () => {
    const backend = installBackend([partnership()], {}, { venues: [venue()] });
    const user = await openRegister();
    await user.click(await screen.findByRole('button', { name: 'Ny lokal' }));
    const name = screen.getByLabelText(/^Lokalens namn/);
    await user.type(name, 'folkets hus');
    backend.failNext('create_venue', 'name_taken', 'name');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    const message = await screen.findByText('Det finns redan en lokal med det namnet i registret.');
    expect(message).toHaveAttribute('role', 'alert');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name.getAttribute('aria-describedby')).toContain(message.id);
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveValue('folkets hus');
  });
});

describe('the venue and the mode on the meeting page', () => {
  const registered = venue({
    id: 3,
    name: 'Hotell Vännäs, konferens',
    address: 'Strandvägen 3',
    lift: true,
    hearingLoop: false,
    accessibilityNotes: 'Ramp vid entrén',
  });

  it('fills the venue from the register and saves the choice', JOURNEY, async () => {
    const backend = installBackend(
      [partnership()],
      {},
      {
        ...oneMeetingStore(),
        venues: [registered, venue({ id: 4, name: 'Gamla skolan', archived: true })],
      },
    );
    const user = await openMeeting();
    const choice = screen.getByLabelText('Lokal från lokalregistret');
    await waitFor(() =>
      expect(within(choice).getByRole('option', { name: registered.name })).toBeInTheDocument(),
    );
    expect(within(choice).queryByRole('option', { name: 'Gamla skolan' })).not.toBeInTheDocument();
    await user.selectOptions(choice, registered.name);
    expect(screen.getByLabelText('Lokal')).toHaveValue('Hotell Vännäs, konferens');
    expect(screen.getByLabelText('Adress')).toHaveValue('Strandvägen 3');
    expect(within(screen.getByRole('group', { name: 'Hiss' })).getByLabelText('Ja')).toBeChecked();
    expect(
      within(screen.getByRole('group', { name: 'Hörslinga' })).getByLabelText('Nej'),
    ).toBeChecked();
    await user.tab();
    await waitFor(() =>
      expect(lastInput(backend, 'update_meeting')).toMatchObject({
        id: 4,
        draft: {
          venueId: 3,
          venueName: 'Hotell Vännäs, konferens',
          venueAddress: 'Strandvägen 3',
          lift: true,
          hearingLoop: false,
          accessibilityNotes: 'Ramp vid entrén',
        },
      }),
    );
  });

  it('saves a typed venue to the register and chooses it', JOURNEY, async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openMeeting();
    expect(
      screen.queryByRole('button', { name: 'Spara lokalen i lokalregistret' }),
    ).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Lokal'), 'Stadshuset');
    await user.type(screen.getByLabelText('Adress'), 'Torget 1');
    await user.click(screen.getByRole('button', { name: 'Spara lokalen i lokalregistret' }));
    expect(
      await screen.findByText('Lokalen Stadshuset finns nu i lokalregistret.'),
    ).toBeInTheDocument();
    expect(lastInput(backend, 'create_venue')).toMatchObject({
      name: 'Stadshuset',
      address: 'Torget 1',
      organisationId: null,
    });
    expect(screen.getByLabelText('Lokal från lokalregistret')).toHaveValue('1');
    await waitFor(() =>
      expect(lastInput(backend, 'update_meeting')).toMatchObject({ draft: { venueId: 1 } }),
    );
  });

  it(
    'asks how the meeting is held and shows the link only for a digital or hybrid one',
    JOURNEY,
    async () => {
      const backend = installBackend([partnership()], {}, oneMeetingStore());
      const user = await openMeeting();
      const mode = screen.getByRole('group', { name: 'Mötesform' });
      const radios = within(mode).getAllByRole('radio');
      expect(radios.map((r) => r.closest('div')?.textContent?.trim())).toEqual([
        'På plats',
        'Digitalt',
        'Hybrid (på plats och digitalt)',
      ]);
      expect(radios.every((r) => !(r as HTMLInputElement).checked)).toBe(true);

      await user.click(within(mode).getByLabelText('Digitalt'));
      expect(screen.queryByLabelText('Lokal')).not.toBeInTheDocument();
      await user.type(
        screen.getByLabelText('Länk till digitalt möte'),
        'https://meet.example.se/x',
      );
      await user.tab();
      await waitFor(() =>
        expect(lastInput(backend, 'update_meeting')).toMatchObject({
          draft: { mode: 'digital', onlineLink: 'https://meet.example.se/x' },
        }),
      );

      await user.click(within(mode).getByLabelText('På plats'));
      expect(screen.queryByLabelText('Länk till digitalt möte')).not.toBeInTheDocument();
      expect(screen.getByLabelText('Lokal')).toBeInTheDocument();
      await waitFor(() =>
        expect(lastInput(backend, 'update_meeting')).toMatchObject({
          draft: { mode: 'on_site', onlineLink: '' },
        }),
      );
      await user.click(within(mode).getByLabelText('Hybrid (på plats och digitalt)'));
      expect(screen.getByLabelText('Länk till digitalt möte')).toHaveValue(
        'https://meet.example.se/x',
      );
      expect(screen.getByLabelText('Lokal')).toBeInTheDocument();
    },
  );

  it('offers every organisation as host, not only the members', async () => {
    const store = oneMeetingStore();
    installBackend([partnership()], {}, { ...store, organisations: [organisation(), hotel] });
    const user = await openMeeting();
    const host = screen.getByLabelText('Värdorganisation');
    await waitFor(() =>
      expect(within(host).getByRole('option', { name: 'Hotell Vännäs AB' })).toBeInTheDocument(),
    );
    expect(within(host).getByRole('option', { name: 'Umeå kommun' })).toBeInTheDocument();
    await user.selectOptions(host, 'Hotell Vännäs AB');
    expect(host).toHaveValue('2');
  });
});
