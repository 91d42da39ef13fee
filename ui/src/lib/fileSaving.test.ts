import { describe, expect, it, vi } from 'vitest';
import { FileSaving } from './fileSaving.svelte';
import type { UiError } from './api';

interface Saved {
  path: string;
}

/** A call that stays in flight until it is settled from the test. */
function pending<T>(): {
  call: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
} {
  let resolve: (value: T) => void = () => {};
  let reject: (err: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { call: () => promise, resolve, reject };
}

const cancelled: UiError = { code: 'cancelled', field: null, message: 'closed' };

describe('FileSaving', () => {
  it('is busy while saving, ignores a second run meanwhile and keeps the result', async () => {
    const saving = new FileSaving<Saved>();
    const first = pending<Saved>();
    const second = vi.fn(() => Promise.resolve({ path: '/tmp/b.pdf' }));

    const running = saving.run(first.call);
    expect(saving.busy).toBe(true);
    expect(saving.result).toBeNull();
    expect(saving.error).toBeNull();

    await expect(saving.run(second)).resolves.toBeNull();
    expect(second).not.toHaveBeenCalled();
    expect(saving.busy).toBe(true);

    first.resolve({ path: '/tmp/a.pdf' });
    await expect(running).resolves.toEqual({ path: '/tmp/a.pdf' });
    expect(saving.busy).toBe(false);
    expect(saving.result).toEqual({ path: '/tmp/a.pdf' });
    expect(saving.error).toBeNull();

    // Once done, the next run goes through.
    await expect(saving.run(second)).resolves.toEqual({ path: '/tmp/b.pdf' });
    expect(second).toHaveBeenCalledTimes(1);
    expect(saving.result).toEqual({ path: '/tmp/b.pdf' });
  });

  it('shows nothing for a closed save dialog', async () => {
    const saving = new FileSaving<Saved>();
    await saving.run(() => Promise.resolve({ path: '/tmp/a.pdf' }));

    await expect(saving.run(() => Promise.reject(cancelled))).resolves.toBeNull();
    expect(saving.error).toBeNull();
    expect(saving.result).toBeNull();
    expect(saving.busy).toBe(false);
  });

  it('keeps another error normalised, clears busy, and clears the error on the next run', async () => {
    const saving = new FileSaving<Saved>();
    const failing = pending<Saved>();

    const running = saving.run(failing.call);
    expect(saving.busy).toBe(true);
    failing.reject('invalid args `request` for command');
    await expect(running).resolves.toBeNull();
    expect(saving.busy).toBe(false);
    expect(saving.result).toBeNull();
    expect(saving.error).toEqual({
      code: 'internal',
      field: null,
      message: 'invalid args `request` for command',
    });

    const again = pending<Saved>();
    const retry = saving.run(again.call);
    expect(saving.error).toBeNull();
    again.reject({ code: 'open_failed', field: null, message: 'no mail program' });
    await retry;
    expect(saving.error).toEqual({ code: 'open_failed', field: null, message: 'no mail program' });
    expect(saving.busy).toBe(false);
  });

  it('catches a call that throws at once', async () => {
    const saving = new FileSaving<Saved>();
    await saving.run(() => {
      throw new Error('boom');
    });
    expect(saving.error).toMatchObject({ code: 'internal', field: null });
    expect(saving.busy).toBe(false);
  });
});
