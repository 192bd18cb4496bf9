import { ConcurrencyLog, type LogState, type PairExample } from '../analysis/concurrency.js';
import { compareChoices, type Rank } from './merge.js';

/**
 * The concurrency log one run would have kept, from the logs of the parts
 * of a split search. Parts are given in their order in a single run when
 * `rank` is 'execution' (ranges of a sample); for 'schedule' (subtrees of an
 * exhaustive search, which shards take round-robin) the merged examples are
 * put back in depth-first order of the executions that showed them, which is
 * the order a single run finds them in. Only at the logs' bounds (hundreds of
 * racing pairs) can the kept examples differ from a single run's.
 */
export function mergeLogs(states: readonly LogState[], rank: Rank): ConcurrencyLog {
  const log = new ConcurrencyLog();
  if (rank === 'execution') {
    for (const s of states) log.absorb(s);
    return log;
  }
  const earlier = (a: PairExample, b: PairExample): number => compareChoices(a.choices, b.choices);
  // Races: the first example of each key, in the order of their executions (a stable sort keeps one execution's in step order).
  const races = new Map<string, PairExample>();
  for (const s of states) {
    for (const [key, ex] of s.races) {
      const known = races.get(key);
      if (known === undefined || earlier(ex, known) < 0) races.set(key, ex);
    }
  }
  const pairs = new Map<string, Map<number, LogState['pairs'][number][1][number][1]>>();
  for (const s of states) {
    for (const [object, entries] of s.pairs) {
      let m = pairs.get(object);
      if (m === undefined) pairs.set(object, (m = new Map()));
      for (const [key, p] of entries) {
        const known = m.get(key);
        if (known === undefined) m.set(key, { ...p });
        else {
          known.orders |= p.orders;
          known.timed &&= p.timed;
          if (earlier(p.example, known.example) < 0) known.example = p.example;
        }
      }
    }
  }
  const byFirst = <T>(entries: [T, PairExample][]): [T, PairExample][] => entries.sort((a, b) => earlier(a[1], b[1]));
  const objects = [...pairs].map(([object, m]) => {
    const entries = [...m].sort((a, b) => earlier(a[1].example, b[1].example));
    return { object, entries, first: entries[0]?.[1].example };
  });
  objects.sort((a, b) => (a.first === undefined || b.first === undefined ? 0 : earlier(a.first, b.first)));
  log.absorb({
    races: byFirst([...races]),
    pairs: objects.map(({ object, entries }) => [object, entries]),
  });
  return log;
}
