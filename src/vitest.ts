/**
 * interleave/vitest: vitest matchers and `exploreTest`. Importing it adds the
 * matchers to `expect`.
 *
 * @example
 * import { expect, it } from 'vitest';
 * import 'interleave/vitest';
 * import workers from '../scenarios/workers.js';
 *
 * it('has the four orders a Go programmer sees', async () => {
 *   await expect(workers).toHaveOutcomes(4);
 *   await expect([workers, { file: 'scenarios/workers.ts' }]).toHaveNoFindings('violation');
 * });
 */
export {
  exploreTest,
  interleaveMatchers,
  outcomeSet,
  type ExpectedOutput,
  type ExploreTestOptions,
  type ScenarioInput,
} from './integrations/vitest.js';
