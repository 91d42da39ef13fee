// The command map of api.ts: it names exactly the shell's commands, each input crosses
// IPC as the shell reads it, and a wrong or missing field of an input does not compile.
import { describe, expect, it } from 'vitest';
import { argsOf, inputOf, type CommandName } from './api';
import { installBackend } from '../test/fakeBackend';
import { fakeCore } from '../test/fakeCore';

/** The names in src-tauri/src/command_names.rs, which the shell registers. */
async function shellCommands(): Promise<string[]> {
  // Node's fs: the tests run in Node, but the UI's types do not know its modules.
  const fs: { readFileSync(path: string, encoding: 'utf8'): string } = await import(
    /* @vite-ignore */ `node:${'fs'}`
  );
  const here = import.meta.url;
  const file = new URL('../../../src-tauri/src/command_names.rs', here);
  const source = fs.readFileSync(decodeURIComponent(file.pathname), 'utf8');
  const list = source.slice(source.indexOf('COMMANDS'));
  return [...list.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
}

describe('the command map', () => {
  it('has every command of the shell and no other', async () => {
    // The fake core answers every command of the map (its type says so).
    const mapped = Object.keys(fakeCore(installBackend()));
    const shell = await shellCommands();
    expect(shell.length).toBeGreaterThan(50);
    expect(mapped.sort()).toEqual(shell.sort());
  });

  it('sends an input under `input`, none without one, and ui_ready’s marks as they are', () => {
    const cases: [CommandName, unknown, unknown][] = [
      ['get_partnership', { id: 3 }, { input: { id: 3 } }],
      ['get_settings', null, undefined],
      ['ui_ready', { marks: { first: 1 } }, { marks: { first: 1 } }],
    ];
    for (const [command, input, args] of cases) {
      const sent = argsOf(command, input as never);
      expect(sent).toEqual(args);
      expect(inputOf(command, sent as Record<string, unknown> | undefined)).toEqual(input);
    }
  });

  it('does not compile with a wrong or missing field', () => {
    // @ts-expect-error: PartnershipId has no partnershipId.
    argsOf('list_meetings', { partnershipId: 1 });
    // @ts-expect-error: UpdatePartnership needs its draft.
    argsOf('update_partnership', { id: 1 });
    // @ts-expect-error: SetArchived's archived is a boolean.
    argsOf('set_partnership_archived', { id: 1, archived: 'yes' });
    // @ts-expect-error: get_settings takes no input.
    argsOf('get_settings', { language: 'sv' });
    expect(true).toBe(true);
  });
});
