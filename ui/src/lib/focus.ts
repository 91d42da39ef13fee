// Detail pages load their record, then (when opened by navigation) move focus
// to their heading once it is rendered, so screen-reader users hear where they are.
import { tick } from 'svelte';

export async function loadThenFocus(
  load: () => Promise<void>,
  heading: () => HTMLElement | undefined,
  focus: boolean,
): Promise<void> {
  await load();
  await tick();
  if (focus) heading()?.focus();
}
