import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/svelte';
import { installBackend, partnership } from './test/fakeBackend';
import { oneMeetingStore, openPartnership } from './test/meetingPage';

/** The first bytes of a PNG file, enough for the fake core to tell it from others. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('The logo on the printouts', () => {
  it('chooses a partnership’s own logo, shows it and announces it', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openPartnership();

    const section = screen.getByRole('region', { name: 'Partnerskapets logotyp' });
    expect(await within(section).findByText('Ingen logotyp är vald.')).toBeInTheDocument();
    const input = within(section).getByLabelText('Välj logotyp…');
    await user.upload(input, new File([PNG], 'Norrbotten.png', { type: 'image/png' }));

    const preview = await within(section).findByRole('img', { name: 'Logotypen Norrbotten.png' });
    expect(preview.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(within(section).getByText(/Norrbotten\.png, .*120 × 40 px/)).toBeVisible();
    expect(within(section).getByLabelText('Byt logotyp…')).toBeInTheDocument();
    const sent = backend.callsOf('set_logo')[0].args as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({ partnershipId: 1, fileName: 'Norrbotten.png' });
  });

  it('says when the partnership prints the installation’s logo', async () => {
    const installation = {
      fileName: 'Region.png',
      mediaType: 'image/png',
      sizeBytes: 2048,
      width: 200,
      height: 50,
      contentBase64: 'iVBORw0KGgo=',
    };
    installBackend(
      [partnership()],
      {},
      {
        ...oneMeetingStore(),
        logos: { installation, partnerships: {} },
      },
    );
    await openPartnership();

    const section = screen.getByRole('region', { name: 'Partnerskapets logotyp' });
    expect(
      await within(section).findByText(
        'Ingen egen logotyp. Utskrifterna använder installationens: Region.png.',
      ),
    ).toBeVisible();
  });

  it('shows why a file cannot be a logo next to the field, and refuses a big one unread', async () => {
    const backend = installBackend([partnership()], {}, oneMeetingStore());
    const user = await openPartnership();
    const section = screen.getByRole('region', { name: 'Partnerskapets logotyp' });
    const input = await within(section).findByLabelText('Välj logotyp…');

    await user.upload(input, new File(['GIF89a'], 'logo.png', { type: 'image/png' }));
    const alert = await within(section).findByRole('alert');
    expect(alert).toHaveTextContent('Filen går inte att använda som logotyp');
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining(alert.id));
    expect(input).toHaveAttribute('aria-invalid', 'true');

    const big = new File(['x'], 'stor.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: 2 * 1024 * 1024 + 1 });
    await user.upload(input, big);
    expect(await within(section).findByRole('alert')).toHaveTextContent('större än 2 MB');
    expect(backend.callsOf('set_logo')).toHaveLength(1);
  });

  it('removes the logo after a confirm', async () => {
    const own = {
      fileName: 'Egen.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: 4096,
      width: 80,
      height: 80,
      contentBase64: '/9j/4AAQ',
    };
    const backend = installBackend(
      [partnership()],
      {},
      {
        ...oneMeetingStore(),
        logos: { installation: null, partnerships: { 1: own } },
      },
    );
    const user = await openPartnership();
    const section = screen.getByRole('region', { name: 'Partnerskapets logotyp' });

    await user.click(await within(section).findByRole('button', { name: 'Ta bort logotypen' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Ta bort logotypen?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort logotypen' }));

    expect(await within(section).findByText('Ingen logotyp är vald.')).toBeVisible();
    expect(backend.callsOf('remove_logo').map((c) => c.args)).toEqual([
      { input: { partnershipId: 1 } },
    ]);
  });
});
