/**
 * Text views show what a person can read: a line of a megabyte, or a value
 * that serialises to one, is cut with a note of how much was left out. The
 * JSON report keeps everything exactly.
 */

/** Characters of one line a text view shows. */
export const MAX_TEXT_LINE = 2000;

/** `s`, cut to `max` characters with a note of the rest. */
export function truncateText(s: string, max = MAX_TEXT_LINE): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)}… (${(s.length - max).toLocaleString('en-US')} more characters; the JSON report has it all)`;
}

/** The line about executions beyond --max-outcomes, whose outcomes were only counted. */
export function otherSentence(o: { count: number; executions: number; countIsLowerBound?: boolean }): string {
  const n = `${o.countIsLowerBound === true ? 'at least ' : ''}${o.count.toLocaleString('en-US')}`;
  return (
    `+ ${n} other outcome${o.count === 1 ? '' : 's'} in ${o.executions.toLocaleString('en-US')} execution${o.executions === 1 ? '' : 's'}, ` +
    'beyond --max-outcomes: counted, not kept'
  );
}
