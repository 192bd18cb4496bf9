import type { OutcomeRecord } from '../explore/outcomes.js';

/** Two output lines that come in one order in some outcomes and in the other order in others. */
export interface SwappedPair {
  first: string;
  second: string;
  /**
   * True when, in every execution checked, happens-before orders the two
   * prints (the order varies only because the synchronization is taken in
   * either order); false when no synchronization orders them; absent when
   * not checked.
   */
  synchronized?: boolean;
}

// Bounds keep the pair search quadratic in small numbers only.
const MAX_OUTCOMES = 200;
const MAX_LINES = 60;
const MAX_PAIRS = 20;

/**
 * Pairs of output lines seen in both orders across outcomes, in the order the
 * first outcome prints them. Only lines printed once per outcome are compared.
 */
export function swappedLines(outcomes: readonly OutcomeRecord[]): SwappedPair[] {
  const seen = new Map<string, number>(); // "a\0b" -> bit 1: a before b, bit 2: b before a
  const order: string[][] = [];
  for (const o of outcomes.slice(0, MAX_OUTCOMES)) {
    const counts = new Map<string, number>();
    for (const l of o.output) counts.set(l, (counts.get(l) ?? 0) + 1);
    const lines = o.output.filter((l) => counts.get(l) === 1).slice(0, MAX_LINES);
    order.push(lines);
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i]!;
        const b = lines[j]!;
        const key = a < b ? `${a}\0${b}` : `${b}\0${a}`;
        seen.set(key, (seen.get(key) ?? 0) | (a < b ? 1 : 2));
      }
    }
  }
  const pairs: SwappedPair[] = [];
  const reference = order[0] ?? [];
  for (let i = 0; i < reference.length && pairs.length < MAX_PAIRS; i++) {
    for (let j = i + 1; j < reference.length && pairs.length < MAX_PAIRS; j++) {
      const a = reference[i]!;
      const b = reference[j]!;
      const key = a < b ? `${a}\0${b}` : `${b}\0${a}`;
      if (seen.get(key) === 3) pairs.push({ first: a, second: b });
    }
  }
  return pairs;
}
