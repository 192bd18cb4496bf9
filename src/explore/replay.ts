import { ScheduleError } from '../errors.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { moveAlt, moveCode, moveTask } from '../runtime/move.js';
import type { Strategy } from './strategy.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const HINT = 'the scenario or its options changed since the schedule was recorded, or it belongs to another scenario';

/** Follows one schedule; a schedule that does not fit the run is a ScheduleError, never a different run. */
export class Replay implements Strategy {
  readonly name = 'replay' as const;
  exhausted = false;
  private depth = 0;

  constructor(private readonly ids: readonly number[]) {}

  begin(): boolean {
    if (this.exhausted) return false;
    this.depth = 0;
    return true;
  }

  choose(count: number, exec: Execution): number {
    const d = this.depth++;
    const names = (): string =>
      exec.enabled
        .slice(0, count)
        .map((t, i) => `${t.id}${exec.enabledAlt[i] === 0 ? '' : `:${exec.enabledAlt[i]}:`} (${t.name})`)
        .join(', ');
    if (d >= this.ids.length) {
      throw new ScheduleError(
        `the schedule has ${plural(this.ids.length, 'choice')}, but the run reached choice ${d + 1} (enabled: ${names()}): ${HINT}`,
      );
    }
    const want = this.ids[d]!;
    for (let i = 0; i < count; i++) if (moveCode(exec.enabled[i]!.id, exec.enabledAlt[i]!) === want) return i;
    const what = moveAlt(want) === 0 ? `task ${want}` : `task ${moveTask(want)}, alternative ${moveAlt(want)}`;
    throw new ScheduleError(
      `choice ${d + 1} of the schedule picks ${what}, which is not enabled there (enabled: ${names()}): ${HINT}`,
    );
  }

  end(result: ExecutionResult | null): void {
    this.exhausted = true;
    if (result !== null && this.depth < this.ids.length) {
      throw new ScheduleError(
        `the run ended after ${plural(this.depth, 'choice')}, but the schedule has ${this.ids.length}: ${HINT}`,
      );
    }
  }
}
