// Exchange packages in the app: "Spara paket till mentorn" on the pairing page, "Spara hela
// partnerskapet", Meny → Öppna paket… (the preview, the choices of every conflict, the
// errors next to the file field, the size check) and this installation's name.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import type { Preview } from './lib/bindings/Preview';
import { installBackend, pairing } from './test/fakeBackend';
import { exchangeFieldLabel, exchangeValueText } from './lib/format';
import {
  ROUND,
  VANNAS_UMEA,
  openRound,
  rounds,
  startApp,
  store,
  type User,
} from './test/pairingRound';

const SENSITIVE = 'Ta med tillgänglighetsbehov (känsliga uppgifter)';

async function chooseFromMenu(user: User, item: string): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Meny' }));
  await user.click(screen.getByRole('menuitem', { name: item }));
}

async function openPackageView(user: User): Promise<void> {
  await chooseFromMenu(user, 'Öppna paket…');
  expect(await screen.findByRole('heading', { level: 1, name: 'Öppna paket' })).toHaveFocus();
}

function packageFile(name = 'Mentorpaket.samlar'): File {
  return new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], name);
}

function preview(overrides: Partial<Preview> = {}): Preview {
  return {
    sender: { installationId: 'b', name: 'Umeå kommun – Eva' },
    scope: { kind: 'pairing', uuid: 'p-1', label: 'Umeå kommun → Vännäs kommun' },
    createdAt: '2027-03-02T09:15:00Z',
    created: [
      { uuid: 'm-1', kind: 'meeting', label: '2027-03-02 Mentorsträff', fields: [] },
      { uuid: 'm-2', kind: 'meeting', label: '2027-04-06 Mentorsträff', fields: [] },
      { uuid: 'o-1', kind: 'organisation', label: 'Umeå kommun', fields: [] },
    ],
    updated: [
      {
        uuid: 'pa-1',
        kind: 'pairing',
        label: 'Umeå kommun',
        fields: ['notes', 'end_reason', 'odd_field'],
      },
    ],
    deleted: [{ uuid: 'a-1', kind: 'action', label: 'Ny rutin', fields: [] }],
    conflicts: [
      {
        uuid: 'm-3',
        kind: 'meeting',
        label: '2027-02-01 Mentorsträff',
        conflict: 'changed',
        changedHereAt: '2027-02-02T10:00:00Z',
        changedThereAt: '2027-02-03T10:00:00Z',
        fields: [
          { field: 'notes', here: 'Vi talade om rutiner.', there: 'Vi talade om uppföljning.' },
          {
            field: 'attendance',
            here: [{ person: 'x', status: 'present' }],
            there: [],
          },
        ],
      },
      {
        uuid: 'a-2',
        kind: 'action',
        label: 'Gemensam mall',
        conflict: 'deleted_there',
        changedHereAt: '2027-02-04T10:00:00Z',
        changedThereAt: '2027-02-05T10:00:00Z',
        fields: [],
      },
      {
        uuid: 'a-3',
        kind: 'action',
        label: 'Checklista',
        conflict: 'deleted_here',
        changedHereAt: '2027-02-04T10:00:00Z',
        changedThereAt: '2027-02-05T10:00:00Z',
        fields: [],
      },
    ],
    unchanged: 4,
    ...overrides,
  };
}

describe('Skicka till mentorn', () => {
  it('makes a package of the pairing, without sensitive data unless ticked', async () => {
    const backend = installBackend(
      rounds,
      {},
      store({ pairings: [pairing({ partnershipName: ROUND })] }),
    );
    const user = await startApp();
    const section = await openRound(user);
    await user.click(await within(section).findByRole('button', { name: VANNAS_UMEA }));
    await screen.findByRole('heading', { level: 1, name: VANNAS_UMEA });

    const send = screen.getByRole('region', { name: 'Skicka till mentorn' });
    const box = within(send).getByRole('checkbox', { name: SENSITIVE });
    expect(box).not.toBeChecked();
    const button = within(send).getByRole('button', { name: 'Spara paket till mentorn' });
    expect(button).toHaveAccessibleDescription(/mentorsträffarna/);
    await user.click(button);
    const status = await within(send).findByRole('status');
    await waitFor(() =>
      expect(status).toHaveTextContent('Sparad: /home/anna/Dokument/Mentorpaket.samlar'),
    );
    expect(backend.callsOf('make_package')[0].args).toEqual({
      input: { scope: { kind: 'pairing', id: 1 }, includeSensitive: false },
    });

    await user.click(box);
    button.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.callsOf('make_package')).toHaveLength(2));
    expect(backend.callsOf('make_package')[1].args).toEqual({
      input: { scope: { kind: 'pairing', id: 1 }, includeSensitive: true },
    });
  });

  it('sends the whole partnership from its page, and a closed dialog says nothing', async () => {
    const backend = installBackend(rounds, {}, store());
    backend.failNext('make_package', 'cancelled');
    const user = await startApp();
    await openRound(user);
    const button = screen.getByRole('button', { name: 'Spara hela partnerskapet som paket' });
    await user.click(button);
    await waitFor(() => expect(backend.callsOf('make_package')).toHaveLength(1));
    expect(screen.queryByText(/^Sparad:/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(button);
    expect(
      await screen.findByText('Sparad: /home/anna/Dokument/Partnerskap.samlar'),
    ).toBeInTheDocument();
    expect(backend.callsOf('make_package')[1].args).toEqual({
      input: { scope: { kind: 'partnership', id: 1 }, includeSensitive: false },
    });
  });
});

describe('Meny → Öppna paket…', () => {
  it('previews the package, asks for every conflict and then opens it', async () => {
    const backend = installBackend([], {
      preview_package: () => preview(),
      open_package: () => ({ created: 12, updated: 2, deleted: 1, conflictsSettled: 3 }),
    });
    const user = await startApp();
    await openPackageView(user);
    const input = screen.getByLabelText('Paketfil (.samlar)');
    expect(input).toHaveAttribute('accept', '.samlar');
    await user.upload(input, packageFile());

    const region = await screen.findByRole('region', { name: 'Förhandsgranskning' });
    expect(backend.callsOf('preview_package')[0].args).toEqual({
      input: { contentBase64: btoa('PK\x03\x04') },
    });
    expect(within(region).getByText('Umeå kommun – Eva')).toBeInTheDocument();
    expect(within(region).getByText('Mentorparet Umeå kommun → Vännäs kommun')).toBeInTheDocument();
    expect(
      within(region).getByText('3 nya, 1 ändrad, 1 borttagen, 3 konflikter, 4 oförändrade'),
    ).toBeInTheDocument();
    // Grouped by kind, the changed fields translated (an unknown one as it is).
    const created = within(region).getByRole('region', { name: 'Nya (3)' });
    expect(within(created).getByRole('heading', { name: 'Träffar (2)' })).toBeInTheDocument();
    expect(
      within(created).getByRole('heading', { name: 'Organisationer (1)' }),
    ).toBeInTheDocument();
    expect(
      within(region).getByText('ändrat: Anteckningar, Orsak till avslut, odd_field'),
    ).toBeInTheDocument();
    expect(
      within(region).getByRole('heading', { name: 'Förbättringsåtgärder (1)' }),
    ).toBeInTheDocument();

    // Each conflicting field side by side, with its own choice.
    const notes = within(region).getByRole('group', { name: 'Anteckningar' });
    expect(within(notes).getByText('Vi talade om rutiner.')).toBeInTheDocument();
    expect(within(notes).getByText('Vi talade om uppföljning.')).toBeInTheDocument();
    expect(within(notes).getByText('Här')).toBeInTheDocument();
    expect(within(notes).getByText('I paketet')).toBeInTheDocument();
    const attendance = within(region).getByRole('group', { name: 'Närvaro' });
    expect(within(attendance).getByText('1 post')).toBeInTheDocument();
    expect(within(attendance).getByText('–')).toBeInTheDocument();
    const deletedThere = within(region).getByRole('group', {
      name: 'Posten är borttagen i paketet',
    });
    const deletedHere = within(region).getByRole('group', { name: 'Posten är borttagen här' });

    const open = within(region).getByRole('button', { name: 'Öppna paketet' });
    expect(open).toBeDisabled();
    await user.click(within(notes).getByRole('radio', { name: 'Ta paketets' }));
    await user.click(within(attendance).getByRole('radio', { name: 'Behåll min' }));
    await user.click(within(deletedThere).getByRole('radio', { name: 'Behåll posten' }));
    expect(within(deletedThere).getByRole('radio', { name: 'Ta bort den' })).not.toBeChecked();
    expect(open).toBeDisabled();
    expect(
      within(deletedHere).getByRole('radio', { name: 'Låt den vara borttagen' }),
    ).toBeInTheDocument();
    await user.click(within(deletedHere).getByRole('radio', { name: 'Återställ den' }));
    expect(open).toBeEnabled();
    await user.click(open);

    const done = 'Paketet är öppnat: 12 nya, 2 ändrade, 1 borttagen.';
    await waitFor(() => expect(screen.getAllByText(done)).toHaveLength(2));
    expect(screen.getByText(done, { selector: '.notice' })).toHaveAttribute('role', 'status');
    expect(backend.callsOf('open_package')[0].args).toEqual({
      input: {
        contentBase64: btoa('PK\x03\x04'),
        choices: [
          { uuid: 'm-3', field: 'notes', take: 'there' },
          { uuid: 'm-3', field: 'attendance', take: 'here' },
          { uuid: 'a-2', take: 'here' },
          { uuid: 'a-3', take: 'there' },
        ],
      },
    });
    await user.click(screen.getByRole('button', { name: 'Visa partnerskapen' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Partnerskap' }),
    ).toBeInTheDocument();
  });

  it('says "okänd avsändare" when the sender has no name, and opens at once without conflicts', async () => {
    const backend = installBackend([], {
      preview_package: () =>
        preview({ sender: { installationId: 'b', name: ' ' }, conflicts: [], deleted: [] }),
      open_package: () => ({ created: 3, updated: 1, deleted: 0, conflictsSettled: 0 }),
    });
    const user = await startApp();
    await openPackageView(user);
    await user.upload(screen.getByLabelText('Paketfil (.samlar)'), packageFile());
    expect(await screen.findByText('okänd avsändare')).toBeInTheDocument();
    const open = screen.getByRole('button', { name: 'Öppna paketet' });
    expect(open).toBeEnabled();
    await user.click(open);
    expect(
      (await screen.findAllByText('Paketet är öppnat: 3 nya, 1 ändrad, 0 borttagna.')).length,
    ).toBeGreaterThan(0);
    expect(backend.callsOf('open_package')[0].args).toMatchObject({ input: { choices: [] } });
  });

  it('shows an error of the package next to the file field', async () => {
    const backend = installBackend();
    backend.failNext('preview_package', 'not_a_package', 'file');
    const user = await startApp();
    await openPackageView(user);
    const input = screen.getByLabelText('Paketfil (.samlar)');
    await user.upload(input, packageFile('lista.samlar'));
    const message = 'Filen är inget Samlär-paket. Inget ändrades.';
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(`Högst 50 MB. ${message}`);
    expect(screen.queryByRole('button', { name: 'Öppna paketet' })).not.toBeInTheDocument();
  });

  it('refuses a package over 50 MB before reading it', async () => {
    const backend = installBackend();
    const user = await startApp();
    await openPackageView(user);
    const file = packageFile('stort.samlar');
    Object.defineProperty(file, 'size', { value: 50 * 1024 * 1024 + 1 });
    const input = screen.getByLabelText('Paketfil (.samlar)');
    await user.upload(input, file);
    const message = 'Paketet är större än 50 MB och kan inte öppnas. Inget ändrades.';
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(input).toHaveAccessibleDescription(`Högst 50 MB. ${message}`);
    expect(backend.callsOf('preview_package')).toHaveLength(0);
  });
});

describe("this installation's name", () => {
  it('is shown and saved under Meny → Om Samlär', async () => {
    const backend = installBackend([], {}, { installation: { id: 'a', name: 'Malmö stad' } });
    const user = await startApp();
    await chooseFromMenu(user, 'Om Samlär');
    const field = await screen.findByLabelText('Namn på den här installationen');
    expect(field).toHaveValue('Malmö stad');
    expect(field).toHaveAccessibleDescription(/andra ser när de öppnar paket/);
    await user.clear(field);
    await user.type(field, 'Malmö stad – Eva ');
    await user.click(screen.getByRole('button', { name: 'Spara namnet' }));
    expect(await screen.findByText('Namnet är sparat.')).toHaveAttribute('role', 'status');
    expect(backend.callsOf('set_installation_name')[0].args).toEqual({
      input: { name: 'Malmö stad – Eva ' },
    });
    expect(field).toHaveValue('Malmö stad – Eva');
  });
});

describe('values in a conflict', () => {
  it('are shown readable and honest', () => {
    expect(exchangeValueText(null)).toBe('–');
    expect(exchangeValueText('')).toBe('–');
    expect(exchangeValueText(true)).toBe('Ja');
    expect(exchangeValueText(12)).toBe('12');
    expect(exchangeValueText('Vi talade om rutiner.')).toBe('Vi talade om rutiner.');
    expect(exchangeValueText('0b9c3a52-6f1e-4c47-9a4e-2d1c5e8b7a10')).toBe('en annan post (länk)');
    expect(exchangeValueText([])).toBe('–');
    expect(exchangeValueText([{ title: 'Välkommen' }, { title: 'Nyckeltal' }])).toBe(
      'Välkommen; Nyckeltal',
    );
    expect(exchangeValueText(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c … och 2 till');
    expect(exchangeValueText([{ person: 'x', status: 'present' }, { person: 'y' }])).toBe(
      '2 poster',
    );
    expect(exchangeFieldLabel('notes')).toBe('Anteckningar');
    expect(exchangeFieldLabel('venue_name_x')).toBe('venue_name_x');
  });
});
