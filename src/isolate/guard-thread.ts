/**
 * The guard thread (see guard.ts): polls the probe of the thread it watches;
 * when an execution is in flight and its beat has not moved for the limit,
 * the watched thread is stuck in synchronous code. Its event loop will never
 * run again, so neither will its stderr: this thread writes the message to
 * file descriptor 2 itself, then ends the process.
 */
import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { encodeSchedule } from '../explore/schedule.js';
import { BEAT, IN_EXECUTION, probedChoices, probedName, STEP, TASK } from '../runtime/probe.js';
import type { GuardInput } from './guard.js';

const { probe, limits, label } = workerData as GuardInput;

const POLL_MS = 50;
let lastBeat = -1;
let lastChange = performance.now();
let lastPoll = lastChange;

function text(slots: Int32Array): string {
  const n = Math.min(Atomics.load(slots, 0), slots.length - 1);
  const units: number[] = [];
  for (let i = 0; i < n; i++) units.push(Atomics.load(slots, 1 + i));
  return String.fromCharCode(...units);
}

function check(): void {
  const beat = Atomics.load(probe, BEAT);
  const now = performance.now();
  // This thread was not running for a while (the process was stopped, the machine slept): start counting again.
  const asleep = now - lastPoll > 10 * POLL_MS;
  lastPoll = now;
  const limit = Atomics.load(limits, 0);
  if (beat !== lastBeat || Atomics.load(probe, IN_EXECUTION) !== 1 || asleep || limit <= 0) {
    lastBeat = beat;
    lastChange = now;
    return;
  }
  if (now - lastChange < limit) return;
  const { choices, made } = probedChoices(probe);
  const task = Atomics.load(probe, TASK);
  const name = probedName(probe, task);
  const step = Atomics.load(probe, STEP);
  const scenario = text(label);
  const who = name !== undefined ? `task ${name}` : task === 0 ? 'task main' : `task #${task}`;
  const schedule =
    choices.length < made ? `${encodeSchedule(choices)}… (first ${choices.length} of ${made} choices)` : encodeSchedule(choices);
  writeSync(
    2,
    `\ninterleave: ${scenario !== '' ? `scenario "${scenario}": ` : ''}${who} ran for more than ${limit} ms without reaching ` +
      `a scheduling operation (${step === 0 ? 'at its start' : `after step ${step}`}, schedule ${schedule}): ` +
      'a loop in synchronous code? It blocks this thread for good, so interleave ends the process. ' +
      'Explore with `isolate: true` and the scenario\'s `file` to get a `hang` finding instead.\n',
  );
  process.kill(process.pid, 'SIGKILL');
}

setInterval(check, POLL_MS);
