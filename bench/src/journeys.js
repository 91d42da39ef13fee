// The in-page recorder of samlar-journeys (bench/src/bin/samlar-journeys.rs).
// The benchmark installs it through WebDriver's execute_script and reads what
// it measured with execute_async_script; nothing of it ships in the app.
//
// A measurement is armed with the condition that shows its result on screen
// (`until`). It starts at an input event: the keydown of a key, a click, or a
// scroll the recorder makes itself (`scrollStep`); the event's own timeStamp
// is taken, or performance.now() in the listener when that is not usable. It
// ends in the first frame whose requestAnimationFrame callback finds the
// condition true, at a setTimeout(0) queued from that callback: after that
// frame's rendering update (style, layout, paint) is done.
//
// Every IPC call (Tauri's fetch to ipc://localhost/<command>) is noted with
// when it started, when the reply's headers arrived and when its body was read
// and parsed; the benchmark splits each measurement with them.
(() => {
  if (window.__samlarJourneys) return;

  const calls = [];
  const realFetch = window.fetch;
  window.fetch = function (resource, init) {
    const url = typeof resource === 'string' ? resource : String(resource && resource.url);
    if (!url.startsWith('ipc:')) return realFetch.call(this, resource, init);
    const call = {
      cmd: decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)),
      start: performance.now(),
      headers: null,
      parsed: null,
    };
    calls.push(call);
    return realFetch.call(this, resource, init).then(
      (response) => {
        call.headers = performance.now();
        for (const read of ['json', 'text', 'arrayBuffer']) {
          const real = response[read];
          response[read] = () =>
            real.call(response).then(
              (body) => {
                call.parsed = performance.now();
                return body;
              },
              (error) => {
                call.parsed = performance.now();
                throw error;
              },
            );
        }
        return response;
      },
      (error) => {
        call.headers = call.parsed = performance.now();
        throw error;
      },
    );
  };

  let current = null;
  const results = [];
  let waiter = null;
  const LIMIT_MS = 20000;

  function stamp(event) {
    const now = performance.now();
    const at = event.timeStamp;
    return at > 0 && at <= now && now - at < 1000 ? at : now;
  }

  function finish(m, t1) {
    if (current === m) current = null;
    const result = {
      name: m.name,
      ok: t1 !== null,
      t0: m.t0,
      t1,
      origin: performance.timeOrigin,
      calls: calls
        .filter((c) => c.start >= m.t0 && (t1 === null || c.start <= t1))
        .map((c) => ({ ...c })),
    };
    if (waiter) {
      const w = waiter;
      waiter = null;
      w(result);
    } else {
      results.push(result);
    }
  }

  function poll(m) {
    if (m.polling) return;
    m.polling = true;
    const frame = () => {
      if (current !== m || m.done) return;
      let shown = false;
      try {
        shown = Boolean(m.until(m));
      } catch {
        shown = false;
      }
      if (shown) {
        m.done = true;
        setTimeout(() => finish(m, performance.now()), 0);
      } else if (performance.now() - m.t0 > LIMIT_MS) {
        m.done = true;
        finish(m, null);
      } else {
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  }

  window.addEventListener(
    'keydown',
    (event) => {
      const m = current;
      if (!m || m.start !== 'keydown' || m.done) return;
      // `restart`: each key starts it again (a word is timed from its last key).
      if (m.t0 === null || m.restart) {
        m.t0 = stamp(event);
        m.input = false;
        poll(m);
      }
    },
    true,
  );
  window.addEventListener(
    'input',
    () => {
      if (current && current.t0 !== null) current.input = true;
    },
    true,
  );
  window.addEventListener(
    'click',
    (event) => {
      const m = current;
      if (!m || m.start !== 'click' || m.t0 !== null) return;
      m.t0 = stamp(event);
      poll(m);
    },
    true,
  );

  function section(headingId) {
    const heading = document.getElementById(headingId);
    return heading ? heading.closest('section') : null;
  }

  /** A row of a list with a name in it (not a spacer, not a placeholder). */
  function named(row) {
    return (
      Boolean(row) &&
      row.hasAttribute('aria-rowindex') &&
      row.querySelector('button') !== null &&
      row.textContent.trim() !== ''
    );
  }

  window.__samlarJourneys = {
    /** Starts a measurement at the next `start` event ('keydown' or 'click'). */
    arm(name, start, until, restart = false) {
      current = {
        name,
        start,
        until,
        restart,
        t0: null,
        input: false,
        polling: false,
        done: false,
      };
    },

    /**
     * Scrolls the page down by one viewport now and measures until `until`. Polling starts
     * at the scroll event, from a listener added after the list's own, so that the frame in
     * which the list renders its new rows is the frame that sees them.
     */
    scrollStep(name, until) {
      const m = { name, start: 'scroll', until, t0: null, polling: false, done: false };
      current = m;
      window.addEventListener('scroll', () => poll(m), { once: true, passive: true });
      setTimeout(() => poll(m), 200); // no scroll event: the page did not move
      m.t0 = performance.now();
      window.scrollBy(0, window.innerHeight);
    },

    /** Hands the next finished measurement to `done` (execute_async_script's callback). */
    wait(done) {
      if (results.length > 0) done(results.shift());
      else waiter = done;
    },

    /** No IPC call is waiting for its reply. */
    idle() {
      return calls.every((c) => c.parsed !== null);
    },

    /** A reply of `cmd` asked for after the measurement `m` started has been read. */
    answered(cmd, m) {
      return calls.some((c) => c.cmd === cmd && c.start >= m.t0 && c.parsed !== null);
    },

    /** The list under the heading `headingId` shows rows with names. */
    listShown(headingId) {
      const s = section(headingId);
      if (!s) return false;
      if (s.querySelector('ul.partnerships > li button')) return true;
      return Array.from(s.querySelectorAll('tbody tr[aria-rowindex]')).some(named);
    },

    /** Rows with names fill the viewport wherever the table under `headingId` is in it. */
    viewportPainted(headingId) {
      const s = section(headingId);
      const body = s && s.querySelector('table tbody');
      if (!body) return false;
      const box = body.getBoundingClientRect();
      const x = box.left + 8;
      for (const y of [
        window.innerHeight * 0.25,
        window.innerHeight * 0.5,
        window.innerHeight - 4,
      ]) {
        if (y < box.top || y > box.bottom) continue;
        const hit = document.elementFromPoint(x, y);
        if (!named(hit && hit.closest('tr'))) return false;
      }
      return true;
    },

    /** Where the scroll of the table under `headingId` is: its last row painted in view? */
    listEnd(headingId) {
      const s = section(headingId);
      const table = s && s.querySelector('table');
      const count = Number(table ? table.getAttribute('aria-rowcount') : NaN);
      const last = table && count > 1 ? table.querySelector(`tr[aria-rowindex="${count}"]`) : null;
      const box = last ? last.getBoundingClientRect() : null;
      const page = document.scrollingElement;
      return {
        rows: Number.isFinite(count) ? count - 1 : -1,
        lastShown: named(last) && box.top >= 0 && box.bottom <= window.innerHeight + 1,
        atBottom: page.scrollTop + window.innerHeight >= page.scrollHeight - 1,
        y: page.scrollTop,
      };
    },
  };
})();
