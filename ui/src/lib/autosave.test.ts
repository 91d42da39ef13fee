import { afterEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, isRetryable } from './autosave.svelte';
import type { UiErrorCode } from './api';

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('debounces, never overlaps saves and sends the latest state afterwards', async () => {
    vi.useFakeTimers();
    let value = 'a';
    const sent: string[] = [];
    let release: () => void = () => {};
    const saver = new Autosaver(
      () => value,
      (v) => {
        sent.push(v);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      700,
    );

    saver.changed();
    value = 'ab';
    saver.changed();
    await vi.advanceTimersByTimeAsync(699);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['ab']);
    expect(saver.busy).toBe(true);

    // Changes while the save is in flight wait for it.
    value = 'abc';
    saver.changed();
    void saver.flush();
    value = 'abcd';
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['ab']);

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['ab', 'abcd']);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['ab', 'abcd']);
    expect(saver.busy).toBe(false);
    expect(saver.error).toBeNull();
  });

  it('keeps the error of a failed save until the next one succeeds', async () => {
    let fail = true;
    const saver = new Autosaver(
      () => 1,
      async () => {
        if (fail) throw { code: 'invalid_time', field: 'startTime', message: 'x' };
      },
    );
    saver.changed();
    await saver.flush();
    expect(saver.error).toMatchObject({ code: 'invalid_time', field: 'startTime' });
    fail = false;
    saver.changed();
    await saver.flush();
    expect(saver.error).toBeNull();
    saver.dispose();
  });

  it('settles once the save in flight and the changes made meanwhile are saved', async () => {
    let value = 'a';
    const sent: string[] = [];
    const releases: (() => void)[] = [];
    const saver = new Autosaver(
      () => value,
      (v) => {
        sent.push(v);
        return new Promise<void>((resolve) => releases.push(resolve));
      },
    );
    saver.changed();
    void saver.flush();
    expect(sent).toEqual(['a']);
    value = 'ab';
    saver.changed();

    let settled = false;
    void saver.settle().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    releases[0]();
    await vi.waitFor(() => expect(sent).toEqual(['a', 'ab']));
    expect(settled).toBe(false);
    releases[1]();
    await vi.waitFor(() => expect(settled).toBe(true));
    expect(saver.busy).toBe(false);
    saver.dispose();
  });

  it('settles at once when nothing is unsaved, and after a refused save', async () => {
    const saver = new Autosaver(
      () => 1,
      async () => {
        throw { code: 'invalid_input', field: null, message: 'x' };
      },
    );
    await saver.settle();
    saver.changed();
    await saver.settle();
    expect(saver.busy).toBe(false);
    expect(saver.retrying).toBe(false);
    expect(saver.error).toMatchObject({ code: 'invalid_input' });
    saver.dispose();
  });

  it('settles after one more try of a save that is being retried', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const saver = new Autosaver(
      () => 1,
      async () => {
        tries += 1;
        throw { code: 'storage', field: null, message: 'x' };
      },
    );
    saver.changed();
    await saver.flush();
    expect(tries).toBe(1);
    await saver.settle();
    expect(tries).toBe(2);
    expect(saver.retrying).toBe(true);
    expect(saver.busy).toBe(true);
    saver.dispose();
  });

  it('saves at least every two seconds while the user keeps typing', async () => {
    vi.useFakeTimers();
    let value = '';
    const sent: { at: number; value: string }[] = [];
    const saver = new Autosaver(
      () => value,
      async (v) => {
        sent.push({ at: Date.now(), value: v });
      },
    );
    const start = Date.now();
    // A change every 300 ms for 10 s: the debounce of 700 ms never runs out.
    for (let i = 1; i <= 33; i++) {
      value += 'x';
      saver.changed();
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(sent.length).toBeGreaterThanOrEqual(4);
    // Each save has everything typed up to two seconds before it.
    for (const save of sent) {
      const typedBefore = Math.floor((save.at - start - 2000) / 300) + 1;
      expect(save.value.length).toBeGreaterThanOrEqual(typedBefore);
    }
    // When the typing stops, the rest is saved after the debounce.
    await vi.advanceTimersByTimeAsync(700);
    expect(sent.at(-1)?.value).toBe(value);
    expect(saver.busy).toBe(false);
  });

  it('retries a save the storage failed, with the latest state, until it succeeds', async () => {
    vi.useFakeTimers();
    let value = 'a';
    let failuresLeft = 3;
    const sent: string[] = [];
    const saver = new Autosaver(
      () => value,
      async (v) => {
        sent.push(v);
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw { code: 'storage', field: null, message: 'database is locked' };
        }
      },
    );
    saver.changed();
    await vi.advanceTimersByTimeAsync(700);
    expect(sent).toEqual(['a']);
    expect(saver.retrying).toBe(true);
    expect(saver.busy).toBe(true);
    // Shown as "not saved, retrying", not as a field's error.
    expect(saver.error).toBeNull();

    // First retry after 1 s, with what was typed meanwhile.
    value = 'ab';
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['a', 'ab']);
    expect(saver.retrying).toBe(true);
    // Then after 2 s, then 4 s.
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(sent).toEqual(['a', 'ab', 'ab', 'ab']);
    expect(saver.retrying).toBe(false);
    expect(saver.busy).toBe(false);
    expect(saver.error).toBeNull();
    // Nothing more once saved.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(4);
  });

  it('waits at most ten seconds between retries and never gives up', async () => {
    vi.useFakeTimers();
    const at: number[] = [];
    const saver = new Autosaver(
      () => 1,
      async () => {
        at.push(Date.now());
        throw new Error('IPC failed');
      },
    );
    saver.changed();
    await saver.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    const waits = at.slice(1).map((t, i) => t - at[i]);
    expect(waits.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(Math.max(...waits)).toBe(10_000);
    expect(at.length).toBeGreaterThan(12);
    expect(saver.retrying).toBe(true);
    saver.dispose();
    const tries = at.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(at).toHaveLength(tries);
  });

  it('does not retry a save the core refused, and keeps its error until the next change', async () => {
    vi.useFakeTimers();
    let value = '9.30';
    const sent: string[] = [];
    const saver = new Autosaver(
      () => value,
      async (v) => {
        sent.push(v);
        if (v === '9.30') throw { code: 'invalid_time', field: 'startTime', message: 'x' };
      },
    );
    saver.changed();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['9.30']);
    expect(saver.retrying).toBe(false);
    expect(saver.busy).toBe(false);
    expect(saver.error).toMatchObject({ code: 'invalid_time', field: 'startTime' });

    value = '09:30';
    saver.changed();
    await vi.advanceTimersByTimeAsync(700);
    expect(sent).toEqual(['9.30', '09:30']);
    expect(saver.error).toBeNull();
  });

  it('does not retry a storage error that names a field', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const saver = new Autosaver(
      () => 1,
      async () => {
        tries += 1;
        throw { code: 'storage', field: 'notes', message: 'x' };
      },
    );
    saver.changed();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries).toBe(1);
    expect(saver.retrying).toBe(false);
    expect(saver.error).toMatchObject({ code: 'storage', field: 'notes' });
  });

  it('retries only failures of the storage, a full disk or the transport, never of a field', () => {
    const error = (code: UiErrorCode, field: string | null = null) => ({
      code,
      field,
      message: '',
    });
    for (const code of ['storage', 'disk_full', 'internal'] as const) {
      expect(isRetryable(error(code)), code).toBe(true);
      expect(isRetryable(error(code, 'notes')), `${code} at a field`).toBe(false);
    }
    for (const code of [
      'invalid_input',
      'invalid_time',
      'read_only',
      'not_found',
      'conflict',
    ] as const) {
      expect(isRetryable(error(code)), code).toBe(false);
    }
  });
});
