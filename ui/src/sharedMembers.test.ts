// Delad arbetsyta → Medlemmar och behörigheter: the members as a table, a scope granted
// and revoked for the right role, the flags set, and a member who is no administrator
// told so instead of the table.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SharedMembers from './views/shared/SharedMembers.svelte';
import type { ErrorCode } from './lib/bindings/ErrorCode';
import type { SharedMembers as Members } from './lib/bindings/SharedMembers';
import { installBackend } from './test/fakeBackend';
import { memberHandlers, sharedMembers } from './test/fakeSharedAdmin';

const NEXT_SYNC = 'Ändringar gäller från medlemmens nästa synkning.';
const PAIRING = 'Mentorpar: Umeå kommun → Vännäs kommun';

function start(members: Members | null = sharedMembers(), failFirst?: ErrorCode) {
  const backend = installBackend([], memberHandlers({ members }));
  if (failFirst) backend.failNext('shared_members', failFirst);
  const onBack = vi.fn();
  render(SharedMembers, { focusHeading: true, onBack });
  return { backend, onBack, user: userEvent.setup() };
}

describe('Medlemmar och behörigheter', () => {
  it('lists the members, with no way to add one and a word on when changes apply', async () => {
    start();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Medlemmar och behörigheter' }),
    ).toHaveFocus();
    expect(screen.getByText(/se avsnittet ”Delad arbetsyta: drift” i README/)).toBeInTheDocument();
    expect(screen.getByText(NEXT_SYNC)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Medlemmar' });
    const anna = within(table).getByRole('row', { name: /^anna/ });
    expect(within(anna).getByRole('checkbox', { name: 'Administratör: anna' })).toBeChecked();
    expect(
      within(anna).getByRole('checkbox', { name: 'Ser tillgänglighetsbehov: anna' }),
    ).not.toBeChecked();
    expect(within(anna).getByText('Partnerskap: Modellkommun 2027')).toBeInTheDocument();
    const bo = within(table).getByRole('row', { name: /^bo/ });
    expect(within(bo).getByText(PAIRING)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /lägg till/i })).not.toBeInTheDocument();
  });

  it('grants and revokes a scope for the right role, and announces it', async () => {
    const { backend, user } = start();
    const table = await screen.findByRole('table', { name: 'Medlemmar' });
    const grant = within(table).getByRole('button', { name: 'Ge behörighet till bo' });

    // Nothing chosen: the select says so, and nothing is sent.
    await user.click(grant);
    const select = within(table).getByRole('combobox', { name: 'Behörighet att ge bo' });
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('Välj först vilken behörighet bo ska få.');
    expect(backend.callsOf('grant_scope')).toHaveLength(0);

    // Pairings under their partnership; what bo has already is not offered.
    const round = within(select).getByRole('group', { name: 'Modellkommun 2027' });
    expect(
      within(round).getByRole('option', { name: 'Partnerskap: Modellkommun 2027' }),
    ).toBeInTheDocument();
    expect(within(select).queryByRole('option', { name: PAIRING })).not.toBeInTheDocument();
    await user.selectOptions(select, 'Partnerskap: Nätverket Väst');
    expect(select).not.toHaveAttribute('aria-invalid');
    await user.click(grant);
    await waitFor(() => expect(backend.callsOf('grant_scope')).toHaveLength(1));
    expect(backend.callsOf('grant_scope')[0].args).toEqual({
      input: { role: 'bo', scope: 'p-2' },
    });
    const status = screen.getByRole('status');
    await waitFor(() =>
      expect(status).toHaveTextContent(
        `bo får se Partnerskap: Nätverket Väst från sin nästa synkning. ${NEXT_SYNC}`,
      ),
    );
    const bo = within(table).getByRole('row', { name: /^bo/ });
    expect(within(bo).getByText('Partnerskap: Nätverket Väst')).toBeInTheDocument();

    await user.click(
      within(bo).getByRole('button', { name: `Ta bort behörighet för ${PAIRING} från bo` }),
    );
    await waitFor(() => expect(backend.callsOf('revoke_scope')).toHaveLength(1));
    expect(backend.callsOf('revoke_scope')[0].args).toEqual({
      input: { role: 'bo', scope: 'pa-1' },
    });
    await waitFor(() =>
      expect(status).toHaveTextContent(`bo ser inte längre ${PAIRING} efter sin nästa synkning.`),
    );
    expect(
      within(bo).queryByRole('button', { name: `Ta bort behörighet för ${PAIRING} från bo` }),
    ).not.toBeInTheDocument();
    // Revoked, the pairing is offered again.
    expect(within(select).getByRole('option', { name: PAIRING })).toBeInTheDocument();
    expect(backend.callsOf('revoke_scope')).toHaveLength(1);
  });

  it("sets a member's flags, and puts a box back when the server refuses", async () => {
    const { backend, user } = start();
    const table = await screen.findByRole('table', { name: 'Medlemmar' });
    const sensitive = within(table).getByRole('checkbox', {
      name: 'Ser tillgänglighetsbehov: bo',
    });
    await user.click(sensitive);
    await waitFor(() => expect(backend.callsOf('set_shared_member')).toHaveLength(1));
    expect(backend.callsOf('set_shared_member')[0].args).toEqual({
      input: { role: 'bo', administrator: false, sensitive: true },
    });
    expect(await screen.findByText(/Ändringen för bo är sparad/)).toHaveAttribute('role', 'status');
    expect(sensitive).toBeChecked();

    backend.failNext('set_shared_member', 'server_unreachable');
    const admin = within(table).getByRole('checkbox', { name: 'Administratör: bo' });
    await user.click(admin);
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Det gick inte att ändra för bo:/);
    expect(admin).not.toBeChecked();
  });

  it('tells a member who is no administrator so, instead of the table', async () => {
    const { backend, onBack, user } = start(null);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Bara arbetsytans administratörer kan se medlemmarna och ändra deras behörigheter.',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(backend.callsOf('shared_members')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Tillbaka till den delade arbetsytan' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('sends a member without the password to the workspace page, and tries again', async () => {
    const { backend, user } = start(sharedMembers(), 'password_needed');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Samlär har inte lösenordet till den delade arbetsytan. Skriv det på sidan Delad arbetsyta och försök sedan igen.',
    );
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('table', { name: 'Medlemmar' })).toBeInTheDocument();
    expect(backend.callsOf('shared_members')).toHaveLength(2);
  });

  it('shows not_administrator from a change as the same message', async () => {
    const { backend, user } = start();
    const table = await screen.findByRole('table', { name: 'Medlemmar' });
    backend.failNext('revoke_scope', 'not_administrator');
    await user.click(
      within(table).getByRole('button', {
        name: 'Ta bort behörighet för Partnerskap: Modellkommun 2027 från anna',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Bara arbetsytans administratörer kan se medlemmarna och ändra deras behörigheter.',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(backend.callsOf('revoke_scope')[0].args).toEqual({
      input: { role: 'anna', scope: 'p-1' },
    });
  });
});
