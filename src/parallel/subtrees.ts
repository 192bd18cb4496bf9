import { Exhaustive } from '../explore/exhaustive.js';
import type { Strategy } from '../explore/strategy.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';

/**
 * Exhaustive search of several subtrees, one after another, in the order
 * given: one job of a split run. Running a job's subtrees in one exploration
 * (rather than one exploration per subtree) pays the per-exploration work —
 * determinism checks, analysis, enrichment — once per job.
 */
export class Subtrees implements Strategy {
  readonly name = 'exhaustive' as const;
  exhausted = false;
  private current: Exhaustive | undefined;
  private next = 0;

  constructor(private readonly prefixes: readonly (readonly number[])[]) {}

  begin(): boolean {
    while (this.current === undefined || !this.current.begin()) {
      if (this.next >= this.prefixes.length) {
        this.exhausted = true;
        return false;
      }
      this.current = new Exhaustive(this.prefixes[this.next++]);
    }
    return true;
  }

  choose(count: number, exec: Execution): number {
    return this.current!.choose(count, exec);
  }

  end(result: ExecutionResult | null): void {
    this.current!.end(result);
    if (this.current!.exhausted && this.next >= this.prefixes.length) this.exhausted = true;
  }
}
