import { describe, expect, it } from 'vitest';
import producerConsumer from '../../../scenarios/producer-consumer.js';
import { exploreStory, kinds } from './verdict.js';

/**
 * The outputs Go's channel semantics allow, derived independently of the
 * scheduler: every interleaving of "sent 1..3" and "got 1..3" (each side in
 * its own order) in which "got i" comes after "sent i-1" (recv i needs send i,
 * which the producer makes only after printing "sent i-1") and "sent 3" after
 * "got 1" (with capacity 1, send 3 completes only once recv 2 has made room,
 * and the consumer receives 2 only after printing "got 1").
 */
function allowedOutputs(): string[][] {
  const out: string[][] = [];
  const walk = (s: number, g: number, acc: string[]): void => {
    if (s === 3 && g === 3) {
      out.push(acc);
      return;
    }
    const printed = (line: string): boolean => acc.includes(line);
    // next "sent": sent 3 waits for "got 1"
    if (s < 3 && (s + 1 !== 3 || printed('got 1'))) walk(s + 1, g, [...acc, `sent ${s + 1}`]);
    // next "got": got i waits for "sent i-1"
    if (g < 3 && (g === 0 || printed(`sent ${g}`))) walk(s, g + 1, [...acc, `got ${g + 1}`]);
  };
  walk(0, 0, []);
  return out;
}

describe('producer-consumer.ts', () => {
  it('gets 1, 2, 3 in order, with the producer at most one item ahead: exactly the outputs the channel allows', async () => {
    const r = await exploreStory(producerConsumer, 'producer-consumer.ts');
    expect(r.executions).toBe(1065);
    const expected = allowedOutputs();
    expect(expected).toHaveLength(13);
    expect(r.outcomes.map((o) => o.output).sort()).toEqual(expected.sort());
    expect(r.outcomes.every((o) => o.result === 'ok')).toBe(true);
    expect(r.outcomes.map((o) => o.output)).not.toContainEqual([
      'sent 1',
      'sent 2',
      'sent 3',
      'got 1',
      'got 2',
      'got 3',
    ]);
    expect(kinds(r)).toEqual(['ordering']);
  });
});
