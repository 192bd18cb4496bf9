/**
 * Detects a task that awaits something the runtime does not control.
 *
 * An execution advances only through microtasks. So when the microtask queue
 * drains — which is the only time a setImmediate callback can run — while an
 * execution is still unfinished, one of its tasks is waiting on a real timer,
 * real I/O or a promise nothing will settle. One immediate serves every
 * execution in flight, armed when the first of them starts: no macrotask per
 * step or per execution.
 *
 * The executions in flight form a doubly linked list through fields of their
 * own, in the order they started: watching and unwatching, once per
 * execution, allocate nothing (a Set did, and rehashed on delete).
 */

export interface Watched {
  stalled(): void;
  /** Links of the list of executions in flight; only this module touches them. */
  watchPrev: Watched | null;
  watchNext: Watched | null;
  watched: boolean;
}

let head: Watched | null = null;
let tail: Watched | null = null;
let armed = false;

let immediate: NodeJS.Immediate | undefined;
let timeout: NodeJS.Timeout | undefined;

// Armed twice: an immediate (the check phase right after the current turn)
// and a 0 ms timer. The timer is armed before the scenario can create one of
// its own and is due no later, so in the timers phase ours runs first: a real
// setTimeout in a scenario never slips in before the check and lets a stalled
// execution run on as if nothing had happened.
function check(): void {
  armed = false;
  if (immediate !== undefined) clearImmediate(immediate);
  if (timeout !== undefined) clearTimeout(timeout);
  immediate = timeout = undefined;
  if (head === null) return;
  // Take the whole list first: stalled() ends each execution, which unwatches it.
  const stuck: Watched[] = [];
  for (let e: Watched | null = head; e !== null;) {
    const next: Watched | null = e.watchNext;
    e.watchPrev = e.watchNext = null;
    e.watched = false;
    stuck.push(e);
    e = next;
  }
  head = tail = null;
  for (const e of stuck) e.stalled();
}

export function watch(e: Watched): void {
  if (e.watched) return;
  e.watched = true;
  e.watchPrev = tail;
  e.watchNext = null;
  if (tail === null) head = e;
  else tail.watchNext = e;
  tail = e;
  if (!armed) {
    armed = true;
    immediate = setImmediate(check);
    timeout = setTimeout(check, 0);
  }
}

export function unwatch(e: Watched): void {
  if (!e.watched) return;
  e.watched = false;
  const { watchPrev: prev, watchNext: next } = e;
  if (prev === null) head = next;
  else prev.watchNext = next;
  if (next === null) tail = prev;
  else next.watchPrev = prev;
  e.watchPrev = e.watchNext = null;
}
