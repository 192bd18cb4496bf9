/**
 * A move is one enabled way a step can go: a task, and which alternative of
 * its pending operation (one value of `choose`, one partner of a channel
 * hand-off). Schedules record moves as single numbers, `alt · 2^20 + task`, so
 * that the common move — alternative 0 — is just the task id.
 */
export const MAX_TASKS = 1 << 20;

export function moveCode(task: number, alt: number): number {
  return alt * MAX_TASKS + task;
}

export function moveTask(code: number): number {
  return code % MAX_TASKS;
}

export function moveAlt(code: number): number {
  return Math.floor(code / MAX_TASKS);
}
