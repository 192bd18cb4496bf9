import { ScheduleError } from '../errors.js';
import { moveAlt, moveCode, moveTask } from '../runtime/move.js';

/**
 * Schedule strings: the task id chosen at each choice point, short and safe to
 * paste into a shell.
 *
 * - a task id below 36 is one character, `0-9a-z`;
 * - a larger id is written in decimal between underscores: `_42_`;
 * - a move other than a task's first alternative (one value of `choose`)
 *   adds the alternative in decimal between colons: `1:2:`;
 * - a run of one token, where that is shorter, is the token followed by its
 *   count in decimal between dots: `1.12.` is task 1 twelve times;
 * - the empty schedule (no choice point) is `-`.
 *
 * Example: `0120.5.` is tasks 0, 1, 2, then 0 five times.
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** No execution makes more choices than this; a longer schedule cannot fit any run. */
const MAX_CHOICES = 50_000_000;

function token(move: number): string {
  const id = moveTask(move);
  const alt = moveAlt(move);
  const t = id < 36 ? DIGITS[id]! : `_${id}_`;
  return alt === 0 ? t : `${t}:${alt}:`;
}

/** Encodes the moves chosen at the choice points (task ids, or move codes, see runtime/move.ts). */
export function encodeSchedule(choices: readonly number[]): string {
  if (choices.length === 0) return '-';
  let out = '';
  for (let i = 0; i < choices.length; ) {
    const id = choices[i]!;
    let j = i + 1;
    while (j < choices.length && choices[j] === id) j++;
    const run = j - i;
    const t = token(id);
    if (t.length * run <= 4) {
      // A run written as `t.N.` takes at least 4 characters: not shorter.
      out += run === 1 ? t : t.repeat(run);
    } else {
      const rle = `${t}.${run}.`;
      out += rle.length < t.length * run ? rle : t.repeat(run);
    }
    i = j;
  }
  return out;
}

/** Parses a schedule string into moves; a malformed one is a ScheduleError that points at the offending character. */
export function decodeSchedule(text: string): number[] {
  if (typeof text !== 'string') throw new ScheduleError(`a schedule is a string, got ${typeof text}`);
  const s = text.trim();
  // Positions in messages count from the text as given, spaces included.
  const lead = text.length - text.trimStart().length;
  if (s === '-') return [];
  if (s === '') throw new ScheduleError('the schedule is empty (the schedule with no choice point is written "-")');
  const out: number[] = [];
  const fail = (i: number, what: string): never => {
    throw new ScheduleError(
      // Quoted as JSON: a schedule pasted with a newline or a control character still makes a one-line message.
      `malformed schedule at character ${lead + i + 1} (${JSON.stringify(s.slice(Math.max(0, i - 5), i + 5))}): ${what}`,
    );
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    let id: number;
    if (c === '_') {
      const end = s.indexOf('_', i + 1);
      const digits = end < 0 ? '' : s.slice(i + 1, end);
      if (!/^\d{1,9}$/.test(digits)) fail(i, 'expected a task id in decimal between underscores, like _42_');
      id = Number(digits);
      i = end + 1;
    } else {
      id = DIGITS.indexOf(c);
      if (id < 0) fail(i, `unexpected character ${JSON.stringify(c)}; a schedule uses 0-9, a-z, _, : and .`);
      i++;
    }
    if (s[i] === ':') {
      const end = s.indexOf(':', i + 1);
      const digits = end < 0 ? '' : s.slice(i + 1, end);
      if (!/^\d{1,9}$/.test(digits) || Number(digits) < 1) fail(i, 'expected an alternative between colons, like :2:');
      id = moveCode(id, Number(digits));
      i = end + 1;
    }
    if (s[i] === '.') {
      const end = s.indexOf('.', i + 1);
      const digits = end < 0 ? '' : s.slice(i + 1, end);
      if (!/^\d{1,9}$/.test(digits) || Number(digits) < 1) fail(i, 'expected a repeat count between dots, like .12.');
      if (out.length + Number(digits) > MAX_CHOICES) fail(i, `longer than ${MAX_CHOICES} choices`);
      for (let k = Number(digits); k > 0; k--) out.push(id);
      i = end + 1;
    } else {
      out.push(id);
    }
  }
  return out;
}
