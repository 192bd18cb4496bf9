import type { Divergence } from '../explore/determinism.js';
import type { Finding } from './findings.js';

/** The finding for a scenario whose re-run under the same schedule differed. */
export function divergenceFinding(d: Divergence): Finding {
  const which = d.schedule !== undefined ? `execution ${d.execution + 1} (schedule ${d.schedule})` : `execution ${d.execution + 1}`;
  const message =
    `the scenario is not deterministic: ${which} ran differently under the same schedule: ${d.detail}. ` +
    'It reads something interleave does not control — Math.random, Date.now, real timers, or state kept in its ' +
    'module from one execution to the next (create state inside main) — so outcomes and counts cannot be trusted';
  const f: Finding = { kind: 'nondeterministic-scenario', message };
  if (d.schedule !== undefined) f.schedule = d.schedule;
  if (d.step !== undefined) f.step = d.step;
  return f;
}
