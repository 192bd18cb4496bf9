/**
 * interleave/fast-check: schedules as a fast-check arbitrary, and
 * exploration inside properties over generated inputs.
 *
 * @example
 * import fc from 'fast-check';
 * import { exploreProperty } from 'interleave/fast-check';
 *
 * // Fails, and shrinks to the smallest input that breaks the limiter.
 * await fc.assert(
 *   exploreProperty(fc.record({ requests: fc.integer({ min: 1, max: 4 }), limit: fc.integer({ min: 1, max: 3 }) }), limiterScenario),
 * );
 */
export {
  assertNoFindings,
  assertRunOk,
  exploreProperty,
  InterleavePropertyError,
  PICK_RANGE,
  runScheduled,
  scheduleArbitrary,
  scheduleProperty,
  type FindingCheckOptions,
  type GeneratedScenario,
  type ScheduleArbitraryOptions,
  type ScheduledRun,
} from './integrations/fast-check.js';
