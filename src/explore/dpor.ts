import { NondeterminismError } from '../errors.js';
import type { DepLog } from '../runtime/deps.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { moveCode, moveTask } from '../runtime/move.js';
import type { Strategy } from './strategy.js';

/**
 * Exhaustive exploration up to equivalence: dynamic partial-order reduction
 * (Flanagan and Godefroid, POPL 2005) with sleep sets (Godefroid 1996).
 *
 * Two executions that differ only in the order of independent steps (see
 * runtime/deps.ts for what is dependent) are equivalent: same outputs, same
 * values, same result. The search runs one execution, then looks at it for
 * pairs of dependent steps of different tasks that could have gone the other
 * way, and schedules, at the state before the first of them, the task whose
 * step should go first ("backtrack points"). Sleep sets make sure that no
 * two complete executions are equivalent: a move already explored from a
 * state stays asleep in the states below it until a step dependent with it
 * runs, and an execution whose every enabled move is asleep is abandoned as
 * redundant (counted apart, DESIGN's `redundant`). So every complete
 * execution is of a different equivalence class, and every class is reached.
 *
 * Blocking operations are where a textbook DPOR goes wrong, and this follows
 * Flanagan and Godefroid's rule for them: a task's pending operation races
 * with the last earlier step of another task that touches its object, is not
 * in its past, and could be enabled at the same time as it. A lock that waits
 * for an unlock is not co-enabled with the unlock (the holder is the only one
 * who can run it), so its race is with the lock that the holder took before:
 * reversing those two is what gives the other order of the critical sections.
 * A state where the racing task was not enabled gets all its enabled tasks.
 *
 * Virtual time orders everything: the clock moves only when no move is
 * enabled, so every step at a later instant follows every step at an earlier
 * one. main returning ends the execution and cuts every other task short, so
 * main's last step races with every task left paused.
 *
 * Memory is the current path only: one node per state of the current
 * execution, never per execution.
 */

/** A move explored (or being explored) from a state, with what its step touched. */
interface Sleeper {
  move: number;
  task: number;
  /** Its step ended the execution (main returned): dependent with every step. */
  ends: boolean;
  obj: number[];
  write: number[];
}

/** One state of the current execution (before step `step`). */
interface Node {
  step: number;
  /** Enabled moves, in the execution's order. */
  moves: number[];
  /** Tasks to explore from this state. */
  backtrack: Set<number>;
  /** Moves explored or being explored from here. */
  done: Set<number>;
  /** The sleep set when the state was reached. */
  sleep: Sleeper[];
  /** Moves explored before the current one, with their steps' accesses: asleep below later siblings. */
  explored: Sleeper[];
  chosen: number;
  /** Preemptions on the path before this state, and the task that took the previous step (-1: none). */
  pre: number;
  last: number;
}

export class Dpor implements Strategy {
  readonly name = 'dpor' as const;
  readonly forcedSteps = true;
  /** Object keys for every execution's DepLog (see deps.ts). */
  readonly depKeys = new Map<string, number>();
  exhausted = false;
  /** The states of the current execution, one per step (index = step - 1). */
  private nodes: Node[] = [];
  /** Nodes below this index are replayed (their chosen move), not created. */
  private replay = 0;
  private depth = 0;
  private deps: DepLog | null = null;
  /** The sleep set of the state the execution is in, and the last step applied to it. */
  private sleep: Sleeper[] = [];
  private applied = 0;
  /** Some move was left out because of the preemption bound. */
  boundHit = false;

  /**
   * With a preemption bound, moves that would take a path past `preemptions`
   * preemptions are never explored (and `boundHit` says the search is then
   * not complete). The reduction and the bound do not compose exactly — a
   * class may be reachable within the bound only through an interleaving the
   * reduction does not pick — so a bounded dpor search explores a subset of
   * the bounded executions; unbounded, it is exact.
   */
  constructor(private readonly preemptions = Infinity) {}

  begin(): boolean {
    if (this.exhausted) return false;
    this.depth = 0;
    this.deps = null;
    this.sleep = [];
    this.applied = 0;
    return true;
  }

  choose(count: number, exec: Execution): number {
    const deps = exec.deps!;
    this.deps = deps;
    this.advanceSleep(deps);
    const d = this.depth++;
    if (d < this.replay) {
      const node = this.nodes[d]!;
      if (node.moves.length !== count) {
        throw new NondeterminismError(
          `the scenario is not deterministic: step ${d + 1} had ${node.moves.length} enabled moves before and ${count} now, under the same schedule`,
        );
      }
      this.sleep = node.sleep.concat(node.explored);
      const i = node.moves.indexOf(node.chosen);
      if (i < 0 || moveCode(exec.enabled[i]!.id, exec.enabledAlt[i]!) !== node.chosen) {
        throw new NondeterminismError(
          `the scenario is not deterministic: step ${d + 1} offered other moves than before, under the same schedule`,
        );
      }
      return i;
    }
    const moves: number[] = [];
    for (let i = 0; i < count; i++) moves.push(moveCode(exec.enabled[i]!.id, exec.enabledAlt[i]!));
    const sleep = this.sleep;
    const parent = d === 0 ? undefined : this.nodes[d - 1];
    const pre = parent === undefined ? 0 : parent.pre + (preempts(parent, parent.chosen) ? 1 : 0);
    const last = exec.lastStepTask?.id ?? -1;
    let pick = -1;
    for (let i = 0; i < count && pick < 0; i++) {
      if (asleep(sleep, moves[i]!)) continue;
      if (this.within({ moves, last, pre }, moves[i]!)) pick = i;
    }
    const node: Node = {
      step: d + 1,
      moves,
      backtrack: new Set(),
      done: new Set(),
      sleep,
      explored: [],
      chosen: pick < 0 ? -1 : moves[pick]!,
      pre,
      last,
    };
    this.nodes[d] = node;
    if (pick < 0) return -1; // every enabled move is asleep: equivalent to an execution already explored
    node.backtrack.add(moveTask(node.chosen));
    node.done.add(node.chosen);
    return pick;
  }

  end(result: ExecutionResult | null): void {
    const deps = this.deps;
    // The path is as long as this execution got; a shorter one ended early.
    if (result !== null && this.depth < this.replay) {
      throw new NondeterminismError(
        `the scenario is not deterministic: an execution ended after ${this.depth} steps where the same schedule took more before`,
      );
    }
    this.nodes.length = this.depth;
    if (deps !== null) this.addBacktracks(deps);
    // Backtrack: the deepest state with a task to explore that has a move not explored and not asleep.
    for (let d = this.nodes.length - 1; d >= 0; d--) {
      const node = this.nodes[d]!;
      if (node.chosen < 0) continue;
      const next = node.moves.find(
        (m) => node.backtrack.has(moveTask(m)) && !node.done.has(m) && !asleep(node.sleep, m) && this.within(node, m),
      );
      if (next === undefined) continue;
      if (deps !== null && deps.steps >= node.step) node.explored.push(sleeper(deps, node.step, node.chosen));
      node.done.add(next);
      node.chosen = next;
      this.nodes.length = d + 1;
      this.replay = d + 1;
      return;
    }
    this.exhausted = true;
  }

  /** Does taking move `m` at this state keep the path within the preemption bound? Records it when not. */
  private within(node: Pick<Node, 'moves' | 'last' | 'pre'>, m: number): boolean {
    if (this.preemptions === Infinity || !preempts(node, m) || node.pre < this.preemptions) return true;
    this.boundHit = true;
    return false;
  }

  /**
   * An estimate of the share of the search done, for progress output: the
   * explored moves of each state on the current path, weighted as if every
   * enabled move had a subtree of the same size (the reduction skips most of
   * them, so it is a lower bound that jumps ahead at the end). Never goes down.
   */
  progress(): number {
    if (this.exhausted) return 1;
    let done = 0;
    let weight = 1;
    for (const node of this.nodes) {
      const n = node.moves.length;
      if (n < 2) continue;
      weight /= n;
      done += (node.done.size - 1) * weight;
    }
    this.shown = Math.max(this.shown, Math.min(done, 1));
    return this.shown;
  }

  private shown = 0;

  /** Applies the steps taken since the last call to the sleep set: a dependent step wakes a sleeper. */
  private advanceSleep(deps: DepLog): void {
    for (let s = this.applied + 1; s <= deps.steps; s++) {
      if (this.sleep.length > 0) this.sleep = this.sleep.filter((z) => !dependent(deps, s, z));
    }
    this.applied = deps.steps;
  }

  /**
   * Flanagan–Godefroid race detection over the whole execution: for every
   * pending operation of every task (those that took effect, and those left
   * pending at the end), the earlier steps of other tasks it races with add
   * backtrack points at the states before them.
   */
  private addBacktracks(deps: DepLog): void {
    const n = deps.steps;
    const clocks = stepClocks(deps);
    // Per task: its steps, in order.
    const byTask: number[][] = [];
    for (let s = 1; s <= n; s++) (byTask[deps.task[s]!] ??= []).push(s);
    const nodes = this.nodes;
    const enabledAt = (s: number, task: number): boolean => {
      const node = nodes[s - 1];
      return node !== undefined && node.moves.some((m) => moveTask(m) === task);
    };
    const asleepAt = (node: Node, task: number): boolean => node.sleep.some((z) => z.task === task);
    /**
     * A race between step i and task q's operation (step j, or q's pending
     * operation at the end when j > n): schedule, at the state before i, a
     * task that can start the reversed order (Abdulla et al.'s source sets):
     * an initial of v = the steps after i that do not depend on i, then q's
     * operation. `pred(k)` says whether step k (in v) must precede q's operation.
     */
    const addRace = (i: number, q: number, j: number, pred: (k: number) => boolean): void => {
      const node = nodes[i - 1];
      if (node === undefined || node.chosen < 0) return;
      const pi = deps.task[i]!;
      const v: number[] = [];
      for (let k = i + 1; k < j && k <= n; k++) if ((clocks[k]![pi] ?? 0) < i) v.push(k);
      const seen = new Set<number>();
      const initials: number[] = [];
      for (let x = 0; x < v.length; x++) {
        const k = v[x]!;
        const p = deps.task[k]!;
        if (seen.has(p)) continue;
        seen.add(p);
        let first = true;
        for (let y = 0; y < x && first; y++) {
          const g = v[y]!;
          if ((clocks[k]![deps.task[g]!] ?? 0) >= g) first = false;
        }
        if (first) initials.push(p);
      }
      if (!seen.has(q)) {
        let first = true;
        for (const g of v) if (pred(g)) first = false;
        if (first) initials.push(q);
      }
      const enabled = initials.filter((p) => node.moves.some((m) => moveTask(m) === p));
      if (enabled.length === 0) {
        // Blocking got in the way of the reversal: every enabled task.
        for (const m of node.moves) node.backtrack.add(moveTask(m));
        return;
      }
      if (enabled.some((p) => node.backtrack.has(p))) return;
      node.backtrack.add(enabled.find((p) => !asleepAt(node, p)) ?? enabled[0]!);
    };
    /**
     * Task `q`'s operation, pending from state `from` (before step `from`)
     * until step `until` (exclusive), touching what `touches(i)` says it
     * conflicts with; `past` is q's clock while it waits.
     */
    const scan = (
      q: number,
      from: number,
      until: number,
      past: number[] | undefined,
      touches: (i: number) => boolean,
      pred: (k: number) => boolean,
    ): void => {
      for (let i = until - 1; i >= 1; i--) {
        const p = deps.task[i]!;
        if (p === q || !touches(i)) continue;
        if (past !== undefined && (past[p] ?? 0) >= i) continue; // already in q's past
        if (i >= from) {
          // q waited at this very operation at the state before i: a race only if it could go then.
          if (enabledAt(i, q)) addRace(i, q, until, pred);
          continue;
        }
        addRace(i, q, until, pred);
        return;
      }
    };
    for (let q = 0; q < byTask.length; q++) {
      const steps = byTask[q] ?? [];
      let prev = 0;
      const spawn = deps.spawnedBy[q] ?? 0;
      for (const j of steps) {
        const from = prev === 0 ? spawn + 1 : prev + 1;
        const past = prev === 0 ? (spawn === 0 ? undefined : clocks[spawn]) : clocks[prev];
        // The step in which main returned cuts every other task short: it conflicts with all.
        const ends = j === deps.endStep;
        scan(q, from, j, past, (i) => ends || deps.conflict(i, j), (k) => (clocks[j]![deps.task[k]!] ?? 0) >= k);
        prev = j;
      }
    }
    // Operations still pending at the end, including those main's return cut short.
    for (let k = 0; k < deps.endTask.length; k++) {
      const q = deps.endTask[k]!;
      const steps = byTask[q] ?? [];
      const prev = steps.length === 0 ? 0 : steps[steps.length - 1]!;
      const spawn = deps.spawnedBy[q] ?? 0;
      const from = prev === 0 ? spawn + 1 : prev + 1;
      const past = prev === 0 ? (spawn === 0 ? undefined : clocks[spawn]) : clocks[prev];
      const obj = deps.endObj[k]!;
      const write = deps.endWrite[k]!;
      const last = n;
      const touches = (i: number): boolean => (deps.mainReturned && i === last) || (obj >= 0 && touchesObj(deps, i, obj, write));
      const pred = (k: number): boolean => (past !== undefined && (past[deps.task[k]!] ?? 0) >= k) || touches(k);
      scan(q, from, n + 1, past, touches, pred);
    }
  }
}

/** Is move `m` a preemption: the task that went last could go on, and another is picked? */
function preempts(node: Pick<Node, 'moves' | 'last'>, m: number): boolean {
  if (node.last < 0 || moveTask(m) === node.last) return false;
  return node.moves.some((x) => moveTask(x) === node.last);
}

function asleep(sleep: readonly Sleeper[], move: number): boolean {
  for (const z of sleep) if (z.move === move) return true;
  return false;
}

function sleeper(deps: DepLog, step: number, move: number): Sleeper {
  return {
    move,
    task: deps.task[step]!,
    ends: step === deps.endStep,
    obj: deps.obj.slice(deps.start[step]!, deps.start[step + 1]!),
    write: deps.write.slice(deps.start[step]!, deps.start[step + 1]!),
  };
}

/** Does step `s` depend on the sleeping move `z`? */
function dependent(deps: DepLog, s: number, z: Sleeper): boolean {
  if (deps.task[s] === z.task || z.ends) return true;
  for (let i = deps.start[s]!; i < deps.start[s + 1]!; i++) {
    for (let j = 0; j < z.obj.length; j++) {
      if (deps.obj[i] === z.obj[j] && (deps.write[i]! | z.write[j]!) === 1) return true;
    }
  }
  return false;
}

function touchesObj(deps: DepLog, s: number, obj: number, write: number): boolean {
  for (let i = deps.start[s]!; i < deps.start[s + 1]!; i++) {
    if (deps.obj[i] === obj && (deps.write[i]! | write) === 1) return true;
  }
  return false;
}

/**
 * Happens-before over steps by dependence (program order, conflicting
 * accesses, spawn, and the clock: a step at a later instant follows all
 * steps before it). Entry t of step s's clock is the last step of task t in
 * s's past (steps are their own timestamps), so "i is in s's past" is
 * `clock[s][task(i)] >= i`.
 */
export function stepClocks(deps: DepLog): number[][] {
  const n = deps.steps;
  const clocks: number[][] = [[]];
  const taskClock: number[][] = [];
  const lastWrite = new Map<number, number[]>();
  const reads = new Map<number, number[]>();
  const all: number[] = [];
  let barrier: number[] = [];
  let time = 0;
  // Children spawned in each step start from that step's clock.
  const spawned = new Map<number, number[]>();
  deps.spawnedBy.forEach((s, child) => {
    if (s > 0) {
      const l = spawned.get(s);
      if (l === undefined) spawned.set(s, [child]);
      else l.push(child);
    }
  });
  for (let s = 1; s <= n; s++) {
    const p = deps.task[s]!;
    const c = (taskClock[p] ?? []).slice();
    if (deps.time[s]! > time) {
      time = deps.time[s]!;
      barrier = all.slice();
    }
    join(c, barrier);
    for (let i = deps.start[s]!; i < deps.start[s + 1]!; i++) {
      const o = deps.obj[i]!;
      const w = lastWrite.get(o);
      if (w !== undefined) join(c, w);
      if (deps.write[i] === 1) {
        const r = reads.get(o);
        if (r !== undefined) join(c, r);
      }
    }
    c[p] = s;
    for (let i = deps.start[s]!; i < deps.start[s + 1]!; i++) {
      const o = deps.obj[i]!;
      if (deps.write[i] === 1) {
        lastWrite.set(o, c);
        reads.delete(o);
      } else {
        const r = reads.get(o);
        if (r === undefined) reads.set(o, c.slice());
        else join(r, c);
      }
    }
    taskClock[p] = c;
    clocks[s] = c;
    join(all, c);
    for (const child of spawned.get(s) ?? []) taskClock[child] = c.slice();
  }
  return clocks;
}

function join(into: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (f !== undefined && f > (into[i] ?? 0)) into[i] = f;
  }
}
