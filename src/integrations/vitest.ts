/**
 * `interleave/vitest`: matchers that explore a scenario inside a vitest test,
 * and `exploreTest`, which registers a test that explores one. Importing the
 * module adds the matchers to vitest's `expect` (as `expect.extend` would).
 */
import { expect, test, Snapshots, type MatcherState } from 'vitest';
import { explore } from '../api.js';
import { OptionError } from '../errors.js';
import { exploreFile } from '../isolate/explore-file.js';
import { guardThisThread, IN_THREAD_STEP_TIMEOUT } from '../isolate/guard.js';
import type { FindingKind } from '../analysis/findings.js';
import type { ExploreOptions } from '../options.js';
import type { Exploration, Outcome } from '../report/report.js';
import type { Scenario } from '../runtime/scenario.js';
import { capped, completeness, describeOutcomes, type Source } from './describe.js';

/**
 * What a matcher takes: a scenario (explored exhaustively with default
 * options), a `[scenario, options]` pair (options as for explore(), e.g.
 * `{ file }` so that replay commands name the scenario's file), or the
 * result of an explore() call (not explored again; failure messages then
 * have no trace).
 */
export type ScenarioInput = Scenario | readonly [Scenario, InputOptions] | Exploration;

/** explore()'s options, and isolation. */
export interface InputOptions extends ExploreOptions {
  /**
   * Explore in a worker thread that loads the scenario from `file` (needed),
   * under the CLI's watchdog: a task stuck in synchronous code (`while
   * (true) {}`) becomes a `hang` finding after `stepTimeout` ms, and a
   * scenario that allocates without bound an `out-of-memory` one, instead of
   * freezing or crashing the test run. Costs a worker start (about half a
   * second). @default false
   */
  isolate?: boolean;
  /**
   * Real time one step may take. With `isolate`, beyond it the step is a
   * `hang` finding (default 5000). Without, the exploration runs in the test's
   * own thread, which a task stuck in synchronous code blocks for good: a
   * guard thread then writes the task, step and schedule to stderr and ends
   * the test process, so that the run fails instead of never ending (default
   * 30000, long enough not to mistake another test's long synchronous work
   * for a hang).
   */
  stepTimeout?: number;
  /** With `isolate`: the worker's heap in MB. */
  maxHeapMb?: number;
  /** With `isolate`: ms importing the file may take (a module that spins at import fails the test then). @default 30000 */
  loadTimeout?: number;
}

/** Explores in this thread (under the guard, see guard.ts), or isolated in a worker (see InputOptions.isolate). */
async function run(scenario: Scenario, options: InputOptions): Promise<Exploration> {
  const { isolate, stepTimeout, maxHeapMb, loadTimeout, ...rest } = options;
  if (isolate !== true) {
    guardThisThread(stepTimeout ?? IN_THREAD_STEP_TIMEOUT, scenario.name);
    return explore(scenario, rest);
  }
  if (rest.file === undefined) {
    throw new OptionError('`isolate` needs `file`: the worker thread loads the scenario from it');
  }
  const limits = {
    ...(stepTimeout !== undefined ? { stepTimeout } : {}),
    ...(maxHeapMb !== undefined ? { maxHeapMb } : {}),
    ...(loadTimeout !== undefined ? { loadTimeout } : {}),
  };
  const [r] = await exploreFile(rest.file, { ...rest, ...limits, scenario: scenario.name });
  if (r === undefined) throw new OptionError(`${rest.file} has no scenario named "${scenario.name}"`);
  return r;
}

/** An expected outcome: its output lines, or those lines joined with "\n". */
export type ExpectedOutput = string | readonly string[];

function isExploration(x: unknown): x is Exploration {
  return (
    x !== null &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    Array.isArray((x as Exploration).outcomes) &&
    'version' in x
  );
}

/** Explores the input (unless it is already a result). */
export async function exploreInput(input: ScenarioInput): Promise<{ report: Exploration; source: Source }> {
  if (isExploration(input)) return { report: input, source: { scenario: undefined, options: {} } };
  const [scenario, given] = Array.isArray(input)
    ? (input as readonly [Scenario, InputOptions])
    : [input as Scenario, {}];
  // The file may hold several scenarios: a replay command that names the scenario works either way.
  const options: InputOptions = given.file !== undefined ? { selectByName: true, ...given } : given;
  // Failure messages replay outcomes in this thread: without the isolation options.
  const plain: InputOptions = { ...options };
  delete plain.isolate;
  delete plain.stepTimeout;
  delete plain.maxHeapMb;
  delete plain.loadTimeout;
  return { report: await run(scenario, options), source: { scenario, options: plain } };
}

const name = (r: Exploration): string => `"${r.scenario.name}"`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const outputText = (o: ExpectedOutput): string => (typeof o === 'string' ? o : o.join('\n'));
const shown = (text: string): string => (text === '' ? '(no output)' : text.split('\n').join(' ⏎ '));

/** Joins message parts, with the completeness note when the search did not cover everything. */
function message(r: Exploration, head: string, body: readonly string[]): string {
  const note = completeness(r);
  return [head + (note !== undefined ? ` ${note}` : ''), ...body].join('\n');
}

/** One line per outcome: its output on one line and its replay command, at most 10. */
function outcomeList(r: Exploration): string[] {
  return capped(
    r.outcomes.map((o, i) => `  #${i + 1} ${o.result}: ${shown(o.output.join('\n')).slice(0, 100)}  → ${o.replay}`),
    10,
    'outcomes',
  );
}

type Result = { pass: boolean; message: () => string; actual?: unknown; expected?: unknown };

async function toHaveOutcomes(
  this: MatcherState,
  input: ScenarioInput,
  expected: number | readonly ExpectedOutput[],
): Promise<Result> {
  const { report: r, source } = await exploreInput(input);
  if (typeof expected === 'number') {
    const pass = r.outcomes.length === expected;
    const text = message(
      r,
      this.isNot
        ? `expected ${name(r)} not to have ${plural(expected, 'outcome')}, but it has`
        : `expected ${name(r)} to have ${plural(expected, 'outcome')}, but it has ${r.outcomes.length}:`,
      outcomeList(r),
    );
    return { pass, message: () => text };
  }
  const want = new Set(expected.map(outputText));
  const got = new Map(r.outcomes.map((o) => [o.output.join('\n'), o] as const));
  const missing = [...want].filter((w) => !got.has(w));
  const unexpected = [...got].filter(([k]) => !want.has(k)).map(([, o]) => o);
  const pass = missing.length === 0 && unexpected.length === 0;
  let text: string;
  if (this.isNot) {
    text = message(
      r,
      `expected ${name(r)} not to have exactly these ${plural(want.size, 'output')}, but it has`,
      outcomeList(r),
    );
  } else if (pass) {
    text = '';
  } else {
    const body = [
      ...(missing.length > 0
        ? [
            `missing (never produced):`,
            ...capped(
              missing.map((m) => `  ${shown(m)}`),
              10,
              'outputs',
            ),
          ]
        : []),
      ...(unexpected.length > 0 ? [`unexpected (${plural(unexpected.length, 'outcome')}):`] : []),
      ...(await describeOutcomes(r, unexpected, source)),
    ];
    text = message(r, `expected ${name(r)} to have exactly ${plural(want.size, 'output')}, but:`, body);
  }
  return { pass, message: () => text };
}

async function toBeDeterministic(this: MatcherState, input: ScenarioInput): Promise<Result> {
  const { report: r, source } = await exploreInput(input);
  const pass = r.outcomes.length === 1;
  let text = '';
  if (this.isNot) {
    text = message(
      r,
      `expected ${name(r)} to have more than one outcome, but every schedule gives the same`,
      outcomeList(r),
    );
  } else if (!pass) {
    const ordering = r.findings.find((f) => f.kind === 'ordering');
    text = message(r, `expected ${name(r)} to be deterministic (one outcome), but it has ${r.outcomes.length}`, [
      ...(ordering !== undefined ? [ordering.message] : []),
      ...(await describeOutcomes(r, r.outcomes, source)),
    ]);
  }
  return { pass, message: () => text };
}

async function toHaveNoFindings(
  this: MatcherState,
  input: ScenarioInput,
  kind?: FindingKind | readonly FindingKind[],
): Promise<Result> {
  const { report: r, source } = await exploreInput(input);
  const kinds = kind === undefined ? undefined : typeof kind === 'string' ? [kind] : kind;
  const found = r.findings.filter((f) => kinds === undefined || kinds.includes(f.kind));
  const pass = found.length === 0;
  const what = kinds === undefined ? 'findings' : `${kinds.join(' or ')} findings`;
  let text = '';
  if (this.isNot) {
    text = message(r, `expected ${name(r)} to have ${what}, but it has none`, outcomeList(r));
  } else if (!pass) {
    const indices = [...new Set(found.map((f) => f.outcome).filter((i): i is number => i !== undefined))];
    text = message(r, `expected ${name(r)} to have no ${what}, but it has ${found.length}:`, [
      ...capped(
        found.map((f) => `  ${f.kind}: ${f.message}`),
        5,
        'findings',
      ),
      ...(await describeOutcomes(
        r,
        indices.map((i) => r.outcomes[i]!),
        source,
      )),
    ]);
  }
  return { pass, message: () => text };
}

async function toSatisfyAlways(
  this: MatcherState,
  input: ScenarioInput,
  predicate: (outcome: Outcome) => unknown,
): Promise<Result> {
  const { report: r, source } = await exploreInput(input);
  const failing: Outcome[] = [];
  const reasons = new Map<Outcome, string>();
  for (const o of r.outcomes) {
    try {
      if ((await predicate(o)) === false) failing.push(o);
    } catch (e) {
      failing.push(o);
      reasons.set(o, String((e as Error)?.message ?? e).split('\n')[0]!);
    }
  }
  const pass = failing.length === 0;
  const what = predicate.name !== '' ? `\`${predicate.name}\`` : 'the predicate';
  let text = '';
  if (this.isNot) {
    text = message(
      r,
      `expected some outcome of ${name(r)} not to satisfy ${what}, but all ${r.outcomes.length} do`,
      outcomeList(r),
    );
  } else if (!pass) {
    const why = failing
      .slice(0, 3)
      .filter((o) => reasons.has(o))
      .map((o) => `  outcome #${r.outcomes.indexOf(o) + 1}: ${what} threw: ${reasons.get(o)}`);
    text = message(
      r,
      `expected every outcome of ${name(r)} to satisfy ${what}, but ${failing.length} of ${r.outcomes.length} do not:`,
      [...why, ...(await describeOutcomes(r, failing, source))],
    );
  }
  return { pass, message: () => text };
}

/**
 * The complete outcome set in a stable order, as stored in a snapshot:
 * result, output, value and unfinished tasks of each outcome, sorted — not
 * counts or schedules, which change with code that does not change what can
 * happen.
 */
export function outcomeSet(r: Exploration): object[] {
  const entries = r.outcomes.map((o) => ({
    result: o.result,
    output: o.output,
    ...(o.value !== null ? { value: o.value } : {}),
    ...(o.unfinished.length > 0 ? { unfinished: o.unfinished } : {}),
  }));
  return entries
    .map((e) => [JSON.stringify(e), e] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => e);
}

async function toMatchOutcomeSnapshot(this: MatcherState, input: ScenarioInput, hint?: string): Promise<Result> {
  if (this.isNot) throw new Error('toMatchOutcomeSnapshot cannot be negated');
  const { report: r } = await exploreInput(input);
  if (!r.complete) {
    const text = message(
      r,
      `toMatchOutcomeSnapshot needs every outcome of ${name(r)}, from a complete exhaustive search, and this one is not complete`,
      ['raise maxExecutions or timeBudget, or snapshot a smaller scenario'],
    );
    return { pass: false, message: () => text };
  }
  const result = Snapshots.toMatchSnapshot.call(this, outcomeSet(r), ...(hint !== undefined ? [hint] : []));
  if (result.pass) return result;
  const text = `${result.message()}\n\noutcomes now (${r.outcomes.length}), with replay commands:\n${outcomeList(r).join('\n')}`;
  // `actual` and `expected` stay: vitest shows their diff.
  return { ...result, message: () => text };
}

/** The matchers, as `expect.extend` takes them; importing interleave/vitest already extends `expect`. */
export const interleaveMatchers = {
  toHaveOutcomes,
  toBeDeterministic,
  toHaveNoFindings,
  toSatisfyAlways,
  toMatchOutcomeSnapshot,
};

expect.extend(interleaveMatchers);

/** Options of exploreTest: explore()'s, and what the test checks. */
export interface ExploreTestOptions extends InputOptions {
  /**
   * Finding kinds that do not fail the test.
   * @default ['ordering'] (more than one outcome is concurrency, not a bug)
   */
  allow?: readonly FindingKind[];
  /** Further checks on the result; a throw (e.g. a failed expect) fails the test. */
  check?: (result: Exploration) => unknown;
  /** The test's timeout in ms. @default vitest's testTimeout */
  timeout?: number;
}

/**
 * Registers a vitest test that explores `scenario` and fails on any finding
 * other than the allowed ones (by default only `ordering` is allowed), with
 * the offending outcomes, their trace and replay commands in the message.
 *
 * @example
 * exploreTest('the fixed limiter never admits too many', fixedLimiter, { file: 'scenarios/rate-limiter.ts' });
 */
export function exploreTest(testName: string, scenario: Scenario, options: ExploreTestOptions = {}): void {
  const { allow = ['ordering'], check, timeout, ...rest } = options;
  const exploreOptions: InputOptions = rest.file !== undefined ? { selectByName: true, ...rest } : rest;
  test(
    testName,
    async () => {
      const r = await run(scenario, exploreOptions);
      const bad = r.findings.filter((f) => !allow.includes(f.kind));
      if (bad.length > 0) {
        const indices = [...new Set(bad.map((f) => f.outcome).filter((i): i is number => i !== undefined))];
        const source: Source = { scenario, options: exploreOptions };
        const text = message(r, `exploring ${name(r)} found ${plural(bad.length, 'finding')}:`, [
          ...capped(
            bad.map((f) => `  ${f.kind}: ${f.message}`),
            5,
            'findings',
          ),
          ...(await describeOutcomes(
            r,
            indices.map((i) => r.outcomes[i]!),
            source,
          )),
        ]);
        throw new Error(text);
      }
      await check?.(r);
    },
    timeout,
  );
}

interface InterleaveMatchers {
  /**
   * The scenario has exactly `expected` outcomes, or exactly these outputs
   * (each an array of lines or the lines joined by "\n"; order does not matter).
   * @example await expect(workers).toHaveOutcomes(4);
   */
  toHaveOutcomes(expected: number | readonly ExpectedOutput[]): Promise<void>;
  /** Every schedule gives the same outcome. */
  toBeDeterministic(): Promise<void>;
  /** No finding (or none of these kinds), e.g. `toHaveNoFindings('violation')`. */
  toHaveNoFindings(kind?: FindingKind | readonly FindingKind[]): Promise<void>;
  /** `predicate` holds for every outcome: it returns anything but `false` and does not throw. */
  toSatisfyAlways(predicate: (outcome: Outcome) => unknown): Promise<void>;
  /** The complete outcome set matches the stored vitest snapshot (written on the first run). */
  toMatchOutcomeSnapshot(hint?: string): Promise<void>;
}

// Only on `expect(x)`: the matchers explore, so they are asynchronous and make no sense as asymmetric matchers.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends InterleaveMatchers {}
}
