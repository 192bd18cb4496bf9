import type { Chooser, ExecutionResult } from '../runtime/execution.js';

export type StrategyName = 'dpor' | 'exhaustive' | 'random' | 'pct' | 'replay';

/**
 * What every exploration strategy implements. The explore loop calls `begin`
 * before each execution, the execution calls `choose` at each choice point,
 * and the loop calls `end` with the result. A strategy knows nothing of
 * outcomes or reports.
 */
export interface Strategy extends Chooser {
  readonly name: StrategyName;
  /** Prepares the next execution; false when there is nothing left to run. */
  begin(): boolean;
  /** The execution ended; null when it was abandoned as redundant. */
  end(result: ExecutionResult | null): void;
  /** True when every execution the strategy set out to run has run (exhaustive search finished). */
  readonly exhausted: boolean;
  /**
   * True when a bound of the search itself (a preemption bound) left moves
   * out: the search may have finished, but it is not complete.
   */
  readonly boundHit?: boolean;
  /** The seed of the execution just run, for seeded strategies. */
  readonly runSeed?: number | undefined;
  /**
   * How much of the search is done, 0 to 1, for strategies that enumerate
   * (for progress output); undefined when it cannot tell (a sample).
   */
  progress?(): number | undefined;
}
