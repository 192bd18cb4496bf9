/**
 * Detects a task that awaits something the runtime does not control.
 *
 * An execution advances only through microtasks. So when the microtask queue
 * drains — which is the only time a setImmediate callback can run — while an
 * execution is still unfinished, one of its tasks is waiting on a real timer,
 * real I/O or a promise nothing will settle. One immediate serves every
 * execution in flight, armed when the first of them starts: no macrotask per
 * step or per execution.
 */

interface Watched {
  stalled(): void;
}

const active = new Set<Watched>();
let armed = false;

function check(): void {
  armed = false;
  if (active.size === 0) return;
  const stuck = [...active];
  active.clear();
  for (const e of stuck) e.stalled();
}

export function watch(e: Watched): void {
  active.add(e);
  if (!armed) {
    armed = true;
    setImmediate(check);
  }
}

export function unwatch(e: Watched): void {
  active.delete(e);
}
